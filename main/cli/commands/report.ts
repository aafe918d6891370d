import { readFile } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import { diagnose } from '../../../shared/diagnosis/engine.js';
import { transcriptToInput } from '../../../shared/diagnosis/transcript.js';
import { WizardStepError } from '../../../shared/wizard/errors.js';
import { decodeConsole } from '../../devices/console-decoder.js';
import { writeReport } from '../../report/write-report.js';
import { ConnectionRegistry } from '../../services/connection-registry.js';
import { diagnoseRtxSession } from '../../services/diagnose-live.js';
import { EXIT_OK, EXIT_USAGE, UsageError, flagString, parseArgs, type CliCommand, type CliIo } from '../command.js';
import { cliLanguage } from './diagnose.js';
import { cliDevice } from '../cli-device.js';
import { CONNECTION_FLAGS, CONNECTION_USAGE, connectionFromArgs } from '../connection-args.js';
import { openForCli } from '../open-session.js';
import { NOTICE_USAGE, noticeFromArgs } from '../notice-args.js';
import { noticeSecrets } from '../../../shared/diagnosis/notice.js';

const EXIT_CONNECT_FAILED = 3;

/** `ipoe-doctor report`: the support report (Markdown + HTML, secrets removed) from a transcript, or live from a router or the demo twin. */
export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Write the ISP / VNE / vendor support report (Markdown and HTML, secrets removed) from a transcript, or live from a router (serial, SSH, Telnet) or a demo scenario.',
  usage: `report --transcript FILE | ${CONNECTION_USAGE} --out FILE.md ${NOTICE_USAGE} [--lang ja|en]`,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { valued: [...CONNECTION_FLAGS.valued, 'transcript', 'out', 'lang', 'notice'], boolean: [...CONNECTION_FLAGS.boolean] });
    const lang = cliLanguage(flagString(parsed, 'lang'), io.env);
    const out = flagString(parsed, 'out');
    if (!out) throw new UsageError('--out FILE is required (the .md; an .html is written beside it)');
    const transcript = flagString(parsed, 'transcript');
    let diagnosis;
    const notice = await noticeFromArgs(parsed, flagString(parsed, 'demo'));
    let secrets: string[] = noticeSecrets(notice);
    let connectionLabel: string | undefined;
    if (transcript !== undefined) {
      if (['serial', 'ssh', 'telnet', 'demo'].some((f) => parsed.flags.has(f))) throw new UsageError('give either --transcript FILE or a connection (--serial, --ssh, --telnet, --demo), not both');
      const bytes = await readFile(transcript).catch(() => {
        throw new UsageError(`cannot read ${transcript}`);
      });
      const input = transcriptToInput(decodeConsole(bytes, 'auto').text);
      if (input.outputs.length === 0) {
        io.err('ipoe-doctor report: no command output found in the transcript (commands with their prompts and output are needed)\n');
        return EXIT_USAGE;
      }
      diagnosis = diagnose({ ...input, ...(notice ? { notice } : {}) });
    } else {
      const request = await connectionFromArgs(parsed, io);
      const registry = new ConnectionRegistry();
      try {
        const s = await openForCli(registry, request, { pinnedFingerprint: flagString(parsed, 'trust-host-key'), log: (l) => io.err(`${l}\n`) });
        secrets = [...secrets, ...registry.secretsOf(s.sessionId)];
        connectionLabel = s.label;
        const device = cliDevice(await registry.identify(s.sessionId));
        diagnosis = (await diagnoseRtxSession(registry.session(s.sessionId), device, { reuse: registry.takeIdentifyOutputs(s.sessionId), ...(notice ? { notice } : {}) })).result;
        await registry.disconnect(s.sessionId);
      } catch (err) {
        if (err instanceof WizardStepError) {
          io.err(`ipoe-doctor report: ${err.message} [${err.code}]\n`);
          return err.code === 'unknown-scenario' ? EXIT_USAGE : EXIT_CONNECT_FAILED;
        }
        throw err;
      } finally {
        await registry.closeAll();
      }
    }
    const view = await writeReport(
      { diagnosis, apply: null, generatedAt: new Date(), ...(connectionLabel ? { connectionLabel } : {}) },
      { dir: dirname(out), basename: basename(out, extname(out)), lang, knownSecrets: secrets },
    );
    io.out(`wrote ${view.files.markdown}\nwrote ${view.files.html}\n`);
    return EXIT_OK;
  },
};
