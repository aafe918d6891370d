import { SERVICE_IDS, type ServiceId } from '../../../shared/services/index.js';
import { basename, dirname, extname } from 'node:path';
import { lineCheckAsDiagnosis, lineCheckJson, lineCheckText } from '../../../shared/line-check/render.js';
import { writeReport } from '../../report/write-report.js';
import { checkLine } from '../../line-check/run.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError, flagString, parseArgs, type CliCommand, type CliIo } from '../command.js';
import { cliLanguage } from './diagnose.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { WizardStepError } from '../../../shared/wizard/errors.js';

/** `ipoe-doctor line-check`: the line as this computer sees it, without logging into any router. */
export const lineCheckCommand: CliCommand = {
  name: 'line-check',
  summary:
    "Check the line from this computer, without logging into the router: its IPv6 (prefix, RA router, the line's DNS), the service (MAP-E rule, AFTR names, HB46PP), the parameters, what a router must support, reachability (ping6 to the BR/AFTR, IPv4, path MTU, DNS) and, with --router, whether that router can run it. Only this computer's interfaces, its gateways and the service's endpoints are contacted. Exit 1: errors found.",
  usage: 'line-check [--router "VENDOR MODEL"] [--service ID] [--out REPORT.md] [--json] [--lang ja|en]',
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { valued: ['router', 'service', 'lang', 'out'], boolean: ['json'] });
    if (parsed.positionals.length) throw new UsageError(`unexpected ${parsed.positionals.join(' ')}`);
    const lang = cliLanguage(flagString(parsed, 'lang'), io.env);
    const service = flagString(parsed, 'service');
    if (service !== undefined && !(SERVICE_IDS as readonly string[]).includes(service)) throw new UsageError(`--service must be one of ${SERVICE_IDS.join(', ')}`);
    const router = flagString(parsed, 'router');
    let result;
    try {
      ({ result } = await checkLine({
        ...(router ? { router } : {}),
        ...(service ? { service: service as ServiceId } : {}),
        onProgress: (step) => io.err(`line-check: ${step}\n`),
      }));
    } catch (err) {
      if (!(err instanceof WizardStepError)) throw err;
      io.err(`ipoe-doctor line-check: ${err.detail ? renderMessage(lang, err.detail, 'cli') : err.message} [${err.code}]\n`);
      return 3;
    }
    const out = flagString(parsed, 'out');
    if (out) {
      // The ISP / VNE / vendor report, as `report` writes it (Markdown + HTML), from what this computer saw.
      const view = await writeReport(
        { diagnosis: lineCheckAsDiagnosis(result, lang), generatedAt: new Date(), connectionLabel: 'ipoe-doctor line-check' },
        { dir: dirname(out), basename: basename(out, extname(out)), lang, knownSecrets: [] },
      );
      io.err(`wrote ${view.files.markdown}\nwrote ${view.files.html}\n`);
    }
    io.out(parsed.flags.has('json') ? JSON.stringify(lineCheckJson(result, lang), null, 2) + '\n' : lineCheckText(result, lang));
    return result.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
  },
};
