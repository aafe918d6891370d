import { EXIT_OK, UsageError, flagString, parseArgs, type CliCommand, type CliIo } from '../command.js';
import { listScenarioIds, loadScenario, UnknownScenarioError, type Scenario } from '../../simulator/host/scenario-files.js';
import { readHostKey, serveTwinOverSsh } from '../../simulator/host/serve-ssh.js';
import { serveTwinOverStdio } from '../../simulator/host/serve-stdio.js';

const USAGE = 'simulate <scenario> [--baud N] [--character ascii|ja.sjis|ja.utf8] [--prompt NAME] [--logged-in] [--ssh-port P [--host-key FILE]]';

/**
 * `ipoe-doctor simulate`: the RTX digital twin on stdin/stdout (so socat can turn it into a serial
 * device), or with --ssh-port as an SSH server on 127.0.0.1. Output is paced like a serial line
 * (--baud, 9600 by default on stdio; 0 for no pacing).
 */
export const simulate: CliCommand = {
  name: 'simulate',
  summary: `Run the simulated RTX router (digital twin). Scenarios: ${safeScenarioList()}`,
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { valued: ['baud', 'ssh-port', 'host-key', 'character', 'prompt'], boolean: ['logged-in'] });
    const [id, ...extra] = parsed.positionals;
    if (!id || extra.length) throw new UsageError('give exactly one scenario name');
    let scenario: Scenario;
    try {
      scenario = loadScenario(id);
    } catch (err) {
      if (err instanceof UnknownScenarioError) throw new UsageError(err.message);
      throw err;
    }
    scenario = withConsoleOverrides(scenario, flagString(parsed, 'character'), flagString(parsed, 'prompt'));
    const sshPort = flagString(parsed, 'ssh-port');
    if (sshPort !== undefined) {
      const port = Number(sshPort);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--ssh-port needs a port number (0 picks a free one)');
      const hostKeyPath = flagString(parsed, 'host-key');
      const server = await serveTwinOverSsh({
        scenario,
        port,
        ...(hostKeyPath ? { hostKey: readHostKey(hostKeyPath) } : {}),
        log: (l) => io.err(`[simulate] ${l}\n`),
      });
      io.out(`simulated ${scenario.device.model} (${scenario.id}) listening for SSH on 127.0.0.1:${server.port}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      return EXIT_OK;
    }

    const baudText = flagString(parsed, 'baud') ?? '9600';
    const baud = Number(baudText);
    if (!Number.isInteger(baud) || baud < 0) throw new UsageError('--baud needs a bit rate such as 9600 (0: no pacing)');
    await serveTwinOverStdio(scenario, { bytesPerSecond: baud === 0 ? null : baud / 10, loggedIn: parsed.flags.has('logged-in') });
    return EXIT_OK;
  },
};

const CHARACTER_SETS = ['ascii', 'ja.sjis', 'ja.utf8', 'en.ascii'] as const;

function withConsoleOverrides(scenario: Scenario, character: string | undefined, prompt: string | undefined): Scenario {
  if (character !== undefined && !(CHARACTER_SETS as readonly string[]).includes(character)) {
    throw new UsageError(`--character must be one of ${CHARACTER_SETS.join(', ')}`);
  }
  return {
    ...scenario,
    console: {
      ...scenario.console,
      ...(character ? { character: character as (typeof CHARACTER_SETS)[number] } : {}),
      ...(prompt !== undefined ? { prompt } : {}),
    },
  };
}

function safeScenarioList(): string {
  try {
    return listScenarioIds().join(', ');
  } catch {
    return '(none found)';
  }
}
