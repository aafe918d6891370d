import { EXIT_OK, UsageError, flagString, parseArgs, type CliCommand, type CliIo } from '../command.js';
import { listScenarioIds, loadScenario, UnknownScenarioError, type Scenario } from '../../simulator/host/scenario-files.js';
import { readHostKey } from '../../simulator/host/serve-ssh.js';
import { serveTwinOverStdio } from '../../simulator/host/serve-stdio.js';
import { startTwinRouter } from '../../simulator/host/router-host.js';
import { StateDirError } from '../../simulator/host/state-dir.js';
import { serveTwinRouter } from '../../simulator/host/serve-router.js';
import { writeFileSync } from 'node:fs';

const USAGE =
  'simulate <scenario> [--baud N] [--character ascii|ja.sjis|ja.utf8] [--prompt NAME] [--logged-in | --greet] [--ssh-port P [--host-key FILE]] [--telnet-port P [--ssh-port P]] [--console-port P] [--state-dir D] [--listen ADDR]';

/**
 * `ipoe-doctor simulate`: the RTX digital twin on stdin/stdout (so socat can turn it into a serial
 * device, or a Telnet server run it as its login program with --greet), with --ssh-port as an SSH server,
 * with --telnet-port as a router on the network (Telnet on, SSH once its config turns it on, or at once with
 * --ssh-port), and/or with --console-port its serial console raw over TCP (`socat PTY,link=/tmp/rtx,raw,echo=0
 * TCP:127.0.0.1:P`: killing that socat pulls the cable, the router runs on). One router state across all
 * connections; with --state-dir D its saved config and SSH host key persist in D, and starting again with the
 * same D is a power cycle. Servers listen on 127.0.0.1 unless --listen names an address (a test's namespace).
 * Output on the console is paced like a serial line (--baud, 9600 by default; 0 for no pacing).
 */
export const simulate: CliCommand = {
  name: 'simulate',
  summary: `Run the simulated RTX router (digital twin). Scenarios: ${safeScenarioList()}`,
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {
      valued: ['baud', 'ssh-port', 'telnet-port', 'console-port', 'state-dir', 'listen', 'host-key', 'character', 'prompt'],
      boolean: ['logged-in', 'greet'],
    });
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
    const sshPort = portFlag(parsed, 'ssh-port');
    const telnetPort = portFlag(parsed, 'telnet-port');
    const consolePort = portFlag(parsed, 'console-port');
    const stateDir = flagString(parsed, 'state-dir');
    const listen = flagString(parsed, 'listen') ?? '127.0.0.1';
    const hostKeyPath = flagString(parsed, 'host-key');
    const hostKey = hostKeyPath ? { hostKey: readHostKey(hostKeyPath) } : {};
    const bytesPerSecond = baudFlag(parsed);
    const log = (l: string) => io.err(`[simulate] ${l}\n`);
    if (telnetPort !== undefined) {
      if (consolePort !== undefined) throw new UsageError('--console-port goes with --ssh-port, not with --telnet-port');
      const server = await withStateDir(() =>
        serveTwinRouter({ scenario, telnetPort, ...(sshPort !== undefined ? { sshPort } : {}), ...(stateDir ? { stateDir } : {}), ...hostKey, host: listen, log }),
      );
      const ssh = server.sshPort();
      const stopped = untilStopped();
      io.out(
        `simulated ${scenario.device.model} (${scenario.id}) listening for Telnet on ${listen}:${server.telnetPort}` +
          `${ssh !== null ? `, SSH on ${listen}:${ssh}` : ' (SSH off until the router turns it on)'}${stateDir ? `, state in ${stateDir}` : ''}\n`,
      );
      saySimulatorReady({ telnetPort: server.telnetPort, sshPort: ssh });
      await stopped;
      await server.close();
      return EXIT_OK;
    }
    if (sshPort !== undefined || consolePort !== undefined) {
      const host = await withStateDir(() =>
        startTwinRouter({
          scenario,
          ...(sshPort !== undefined ? { sshPort } : {}),
          ...(consolePort !== undefined ? { consolePort } : {}),
          ...(stateDir ? { stateDir } : {}),
          ...hostKey,
          host: listen,
          bytesPerSecond,
          log,
        }),
      );
      const where = [
        host.sshPort !== null ? `SSH on ${listen}:${host.sshPort}` : '',
        host.consolePort !== null ? `its serial console on ${listen}:${host.consolePort} (raw TCP)` : '',
      ].filter(Boolean);
      const stopped = untilStopped();
      io.out(`simulated ${scenario.device.model} (${scenario.id}) listening for ${where.join(' and ')}${stateDir ? `, state in ${stateDir}` : ''}\n`);
      saySimulatorReady({ sshPort: host.sshPort, consolePort: host.consolePort });
      await stopped;
      await host.close();
      return EXIT_OK;
    }
    if (hostKeyPath) throw new UsageError('--host-key goes with --ssh-port');

    if (parsed.flags.has('logged-in') && parsed.flags.has('greet')) throw new UsageError('--logged-in and --greet exclude each other');
    await withStateDir(() =>
      serveTwinOverStdio(scenario, { bytesPerSecond, loggedIn: parsed.flags.has('logged-in'), greet: parsed.flags.has('greet'), ...(stateDir ? { stateDir } : {}) }),
    );
    return EXIT_OK;
  },
};

function portFlag(parsed: ReturnType<typeof parseArgs>, name: string): number | undefined {
  const text = flagString(parsed, name);
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--${name} needs a port number (0 picks a free one)`);
  return port;
}

/** Console pacing: --baud bit/s, 8N1 (ten bits a byte); 9600 by default, 0 for none. */
function baudFlag(parsed: ReturnType<typeof parseArgs>): number | null {
  const baud = Number(flagString(parsed, 'baud') ?? '9600');
  if (!Number.isInteger(baud) || baud < 0) throw new UsageError('--baud needs a bit rate such as 9600 (0: no pacing)');
  return baud === 0 ? null : baud / 10;
}

/** A state dir that holds another scenario's router is a usage error (say which dir to change). */
async function withStateDir<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    if (err instanceof StateDirError) throw new UsageError(err.message);
    throw err;
  }
}

/** For scripts and tests: the ports, in the file IPOE_DOCTOR_SIMULATE_READY names, once the servers listen. */
function saySimulatorReady(ports: Record<string, number | null>): void {
  const ready = process.env.IPOE_DOCTOR_SIMULATE_READY;
  if (ready) writeFileSync(ready, JSON.stringify({ pid: process.pid, ...ports }) + '\n');
}

/** Ctrl-C / SIGTERM ends the simulator. Called before it says it listens: whoever reads that may stop it at once. */
function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

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
