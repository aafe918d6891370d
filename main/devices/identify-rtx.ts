import type { CommandOutput } from '../../shared/diagnosis/input.js';
import type { DeviceIdentity } from '../../shared/ipc/contract.js';
import { parseShowEnvironment } from '../../shared/rtx/show-environment.js';
import { consoleFeatures } from '../../shared/rtx/console-features.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import { errorDetail, say, type Message } from '../../shared/i18n/message.js';
import type { RtxSession } from './rtx-session.js';

/**
 * Model, firmware, serial and uptime from `show environment`, cross-checked with the
 * `show config` header when administrator mode is available: a mismatch means the console is
 * not the router the user thinks it is (or a config pasted from another unit).
 */
export async function identifyRtx(
  session: RtxSession,
  opts: {
    crossCheck: boolean;
    /** Receives each output read, so a gather that follows can use it instead of reading it again at line speed. */
    record?: (output: CommandOutput) => void;
  },
): Promise<DeviceIdentity> {
  const env = await session.run('show environment');
  if (!env.error) opts.record?.({ command: 'show environment', output: env.output, firstLine: 1, status: 'ok' });
  if (env.error) throw new WizardStepError('identify-command-failed', say('msg.identify.commandFailed', { cause: env.error }));
  const facts = parseShowEnvironment(env.output);
  if (!facts.model || !facts.firmware) {
    throw new WizardStepError('identify-unrecognised', say('msg.identify.unrecognised'));
  }
  // What the firmware offers to read less (a refusal later still turns a feature off for the session).
  session.features = { grep: consoleFeatures(facts.firmware).grep && session.features.grep };
  const evidence: DeviceIdentity['evidence'] = [];
  for (const l of [facts.lines.model, facts.lines.serial, facts.lines.uptime]) {
    if (l) evidence.push({ command: 'show environment', line: l.line, text: l.text });
  }
  const warnings: Message[] = [];
  if (opts.crossCheck) {
    try {
      await session.enterAdmin();
      const config = await session.run('show config');
      if (!config.error) opts.record?.({ command: 'show config', output: config.output, firstLine: 1, status: 'ok' });
      const header = parseShowEnvironment(config.output.split('\n').slice(0, 8).join('\n'));
      if (header.lines.model) evidence.push({ command: 'show config', line: header.lines.model.line, text: header.lines.model.text });
      if (header.model && (header.model !== facts.model || header.firmware !== facts.firmware)) {
        warnings.push(
          say('msg.identify.configDisagrees', { configModel: header.model, configFirmware: header.firmware ?? '', model: facts.model, firmware: facts.firmware }),
        );
      }
    } catch (err) {
      warnings.push(say('msg.identify.crossCheckFailed', { cause: errorDetail(err) }));
    }
  }
  return {
    vendor: 'yamaha',
    model: facts.model,
    firmware: facts.firmware,
    ...(facts.firmwareDate ? { firmwareDate: facts.firmwareDate } : {}),
    ...(facts.serial ? { serial: facts.serial } : {}),
    ...(facts.uptime ? { uptime: facts.uptime } : {}),
    evidence,
    warnings,
  };
}
