import { EXIT_OK, EXIT_USAGE, flagString, parseArgs, type CliCommand, type CliIo } from '../command.js';
import { CONNECTION_FLAGS, CONNECTION_USAGE, connectionFromArgs } from '../connection-args.js';
import { ConnectionRegistry } from '../../services/connection-registry.js';
import { WizardStepError } from '../../../shared/wizard/errors.js';
import { openForCli } from '../open-session.js';
import { cliDevice } from '../cli-device.js';
import { inEnglish, say } from '../../../shared/i18n/message.js';

const EXIT_CONNECT_FAILED = 3;

/** `ipoe-doctor probe`: connect, log in, and say what the router is and how its console is set. */
export const probe: CliCommand = {
  name: 'probe',
  summary: 'Connect to a router (serial, SSH or the demo twin), log in, and print its model, firmware and console settings.',
  usage: `probe ${CONNECTION_USAGE} [--json]`,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { valued: CONNECTION_FLAGS.valued, boolean: [...CONNECTION_FLAGS.boolean, 'json'] });
    const request = await connectionFromArgs(parsed, io);
    const registry = new ConnectionRegistry();
    try {
      const connected = await openForCli(registry, request, {
        pinnedFingerprint: flagString(parsed, 'trust-host-key'),
        log: (l) => io.err(`${l}\n`),
      });
      const device = cliDevice(await registry.identify(connected.sessionId));
      const session = registry.session(connected.sessionId);
      const consoleInfo = {
        prompt: session.prompt,
        administrator: session.admin,
        characterSet: session.detectedCharset ?? 'unknown',
        pagingOffForSession: session.settingsToRestore.includes('no console lines'),
      };
      // Over Telnet the password crossed the LAN in clear text: say how to have SSH next time.
      const sshHint = request.kind === 'telnet' ? inEnglish(say('sshOn.cli.offer', { host: request.host })) : null;
      const result = { connection: connected.label, demo: connected.demo, device, console: consoleInfo, ...(sshHint ? { nextTime: sshHint } : {}) };
      if (parsed.flags.has('json')) io.out(JSON.stringify(result, null, 2) + '\n');
      else {
        io.out(
          [
            `${device.model} Rev.${device.firmware}${device.firmwareDate ? ` (${device.firmwareDate})` : ''}${connected.demo ? '  [demo: simulated router]' : ''}`,
            `  connection     ${connected.label}`,
            device.serial ? `  serial number  ${device.serial}` : '',
            device.uptime ? `  uptime         ${device.uptime}` : '',
            `  prompt         ${consoleInfo.prompt}  (${consoleInfo.administrator ? 'administrator' : 'user'} mode)`,
            `  character set  ${consoleInfo.characterSet}`,
            ...device.warnings.map((w) => `  warning: ${w}`),
            sshHint ? `  next time      ${sshHint}` : '',
          ]
            .filter(Boolean)
            .join('\n') + '\n',
        );
      }
      await registry.disconnect(connected.sessionId);
      return EXIT_OK;
    } catch (err) {
      if (err instanceof WizardStepError) {
        io.err(`ipoe-doctor probe: ${err.message} [${err.code}]\n`);
        return err.code === 'unknown-scenario' ? EXIT_USAGE : EXIT_CONNECT_FAILED;
      }
      throw err;
    } finally {
      await registry.closeAll();
    }
  },
};
