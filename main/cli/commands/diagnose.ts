import { readFile } from 'node:fs/promises';
import { diagnose, diagnosisJson } from '../../../shared/diagnosis/engine.js';
import { transcriptToInput } from '../../../shared/diagnosis/transcript.js';
import type { Language } from '../../../shared/i18n/catalogs.js';
import { WizardStepError } from '../../../shared/wizard/errors.js';
import { decodeConsole } from '../../devices/console-decoder.js';
import { ConnectionRegistry } from '../../services/connection-registry.js';
import { diagnoseRtxSession } from '../../services/diagnose-live.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, flagString, parseArgs, type CliCommand, type CliIo } from '../command.js';
import { CONNECTION_FLAGS, CONNECTION_USAGE, connectionFromArgs } from '../connection-args.js';
import { openForCli } from '../open-session.js';
import { renderDiagnosisText } from '../render-diagnosis.js';
import { cliDevice } from '../cli-device.js';
import { provisioningForRouter } from '../../provisioning/from-router.js';
import { NOTICE_USAGE, noticeFromArgs } from '../notice-args.js';
import { noticeSecrets } from '../../../shared/diagnosis/notice.js';
import type { ContractNotice } from '../../../shared/diagnosis/input.js';
import { Redactor } from '../../../shared/redact/redact.js';

export function cliLanguage(flag: string | undefined, env: Record<string, string | undefined>): Language {
  if (flag !== undefined && flag !== 'ja' && flag !== 'en') throw new UsageError('--lang must be ja or en');
  return (flag as Language | undefined) ?? (/^ja/i.test(env.LC_ALL ?? env.LANG ?? '') ? 'ja' : 'en');
}

/** `ipoe-doctor diagnose`: every reason IPv4 fails, with evidence and fixes; offline from a transcript or live. */
export const diagnoseCommand: CliCommand = {
  name: 'diagnose',
  summary: 'Diagnose an IPoE line from a console transcript (Tera Term log, copy-paste) or live from a router. Exit 0: no errors, 1: errors found, 2: bad input.',
  usage: `diagnose --transcript FILE | ${CONNECTION_USAGE} ${NOTICE_USAGE} [--hb46pp] [--json] [--lang ja|en]`,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { valued: [...CONNECTION_FLAGS.valued, 'transcript', 'lang', 'notice'], boolean: [...CONNECTION_FLAGS.boolean, 'json', 'hb46pp'] });
    const lang = cliLanguage(flagString(parsed, 'lang'), io.env);
    const json = parsed.flags.has('json');
    const transcript = flagString(parsed, 'transcript');
    let result;
    let notice: ContractNotice | undefined;
    if (transcript !== undefined) {
      notice = await noticeFromArgs(parsed);
      const bytes = await readFile(transcript).catch((err: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read ${transcript}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
      });
      // Tera Term logs of a Japanese console are often Shift_JIS.
      const input = transcriptToInput(decodeConsole(bytes, 'auto').text);
      if (input.outputs.length === 0) {
        io.err(
          'ipoe-doctor diagnose: no command output found in the transcript. It should hold commands with their output, e.g.\n' +
            '  RTX1300> show status ipip   (RTX)   or   user@host:~$ ip -6 tunnel show   (Linux/VyOS)\n',
        );
        return EXIT_USAGE;
      }
      result = diagnose({ ...input, ...(notice ? { notice } : {}) });
    } else {
      const request = await connectionFromArgs(parsed, io);
      const registry = new ConnectionRegistry();
      try {
        notice = await noticeFromArgs(parsed, request.kind === 'demo' ? request.scenario : undefined);
        io.err('[connect]\n');
        const connected = await openForCli(registry, request, { pinnedFingerprint: flagString(parsed, 'trust-host-key'), log: (l) => io.err(`${l}\n`) });
        const device = cliDevice(await registry.identify(connected.sessionId));
        const live = await diagnoseRtxSession(registry.session(connected.sessionId), device, {
          reuse: registry.takeIdentifyOutputs(connected.sessionId),
          ...(notice ? { notice } : {}),
          onProgress: (p) => {
            if (p.status !== 'running' || p.bytes === 0) io.err(`[${p.index + 1}/${p.total}] ${p.command} ${p.status}${p.etaSeconds !== null ? `, ~${Math.ceil(p.etaSeconds)} s left` : ''}\n`);
          },
        });
        result = live.result;
        // --hb46pp: the provider's own answer, asked from this computer over the line DNS the router shows.
        if (parsed.flags.has('hb46pp')) result = diagnose({ ...live.input, ...(notice ? { notice } : {}), provisioning: await provisioningForRouter(live.outputs) });
        await registry.disconnect(connected.sessionId);
      } catch (err) {
        if (err instanceof WizardStepError) {
          io.err(`ipoe-doctor diagnose: ${err.message} [${err.code}]\n`);
          return err.code === 'unknown-scenario' ? EXIT_USAGE : 3;
        }
        throw err;
      } finally {
        await registry.closeAll();
      }
    }
    // The notice's update user and password never reach the output.
    const redactor = new Redactor(noticeSecrets(notice));
    io.out(redactor.redact(json ? JSON.stringify(diagnosisJson(result, lang), null, 2) + '\n' : renderDiagnosisText(result, lang)).text);
    return result.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
  },
};
