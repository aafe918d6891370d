import { diagnosisJson } from '../../../shared/diagnosis/engine.js';
import type { FixPlan } from '../../../shared/diagnosis/types.js';
import { Redactor } from '../../../shared/redact/redact.js';
import { inEnglish } from '../../../shared/i18n/message.js';
import { WizardStepError } from '../../../shared/wizard/errors.js';
import { dataDir } from '../../app-data.js';
import { safeApplyRtx } from '../../apply/safe-apply.js';
import { readTunnelCounters } from '../../apply/verify-rtx.js';
import { ConnectionRegistry } from '../../services/connection-registry.js';
import { diagnoseRtxSession } from '../../services/diagnose-live.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, flagString, parseArgs, type CliCommand, type CliIo } from '../command.js';
import { CONNECTION_FLAGS, CONNECTION_USAGE, connectionFromArgs } from '../connection-args.js';
import { openForCli } from '../open-session.js';
import { ask } from '../terminal-prompt.js';
import { cliLanguage } from './diagnose.js';
import { renderDiagnosisText } from '../render-diagnosis.js';
import { cliDevice } from '../cli-device.js';

/**
 * `ipoe-doctor fix`: diagnose, then apply the router-side fixes safely — backup, apply unsaved,
 * verify (counters rise, IPv4 ping), save only then, otherwise revert and prove the config is back.
 */
export const fixCommand: CliCommand = {
  name: 'fix',
  summary: 'Diagnose and safely fix a router: back up, apply unsaved, verify, then save (or undo). Asks before each change unless --yes.',
  usage: `fix ${CONNECTION_USAGE} [--yes] [--only CODE,CODE] [--ping-target A.B.C.D] [--json] [--lang ja|en]`,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { valued: [...CONNECTION_FLAGS.valued, 'only', 'ping-target', 'lang'], boolean: [...CONNECTION_FLAGS.boolean, 'yes', 'json'] });
    const lang = cliLanguage(flagString(parsed, 'lang'), io.env);
    const yes = parsed.flags.has('yes');
    if (!yes && !process.stdin.isTTY) throw new UsageError('there is no terminal to confirm each change on: add --yes to apply without asking');
    const pingTarget = flagString(parsed, 'ping-target') ?? io.env.IPOE_DOCTOR_PING_TARGET ?? '1.1.1.1';
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(pingTarget)) throw new UsageError('--ping-target needs an IPv4 address');
    const only = flagString(parsed, 'only')?.split(',').map((c) => c.trim().toUpperCase());
    const request = await connectionFromArgs(parsed, io);
    const registry = new ConnectionRegistry();
    try {
      io.err('[connect]\n');
      const connected = await openForCli(registry, request, { pinnedFingerprint: flagString(parsed, 'trust-host-key'), log: (l) => io.err(`${l}\n`) });
      const redactor = new Redactor(registry.secretsOf(connected.sessionId));
      const device = cliDevice(await registry.identify(connected.sessionId));
      const session = registry.session(connected.sessionId);
      const { result } = await diagnoseRtxSession(session, device, { reuse: registry.takeIdentifyOutputs(connected.sessionId) });
      const candidates = result.findings.filter((f) => f.fix?.target === 'rtx' && (only ? only.includes(f.code) : f.severity !== 'info'));
      if (only) for (const code of only) if (!candidates.some((f) => f.code === code)) throw new UsageError(`${code} has no router fix in this diagnosis`);
      if (!json(parsed)) io.out(redactor.redact(renderDiagnosisText(result, lang)).text);
      if (candidates.length === 0) {
        if (json(parsed)) io.out(JSON.stringify({ diagnosis: diagnosisJson(result, lang), outcome: null }, null, 2) + '\n');
        else io.out('Nothing to fix on the router itself.\n');
        return result.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
      }
      const plans: FixPlan[] = candidates.map((f) => f.fix!);
      const outcome = await safeApplyRtx(session, plans, {
        dataDir: dataDir(),
        model: device.model,
        pingTarget,
        ...(yes ? {} : { confirm: async (command: string) => /^y(es)?$/i.test((await ask(`apply "${command}"? [y/N] `)) ?? '') }),
        onEvent: (e) => {
          if (e.kind === 'phase') io.err(`[${e.phase}]\n`);
          if (e.kind === 'command') io.err(`  ${e.phase === 'revert' ? 'undo' : e.phase}: ${e.command}${e.error ? `  → ${e.error}` : ''}\n`);
          if (e.kind === 'verify') io.err(`  ${e.result.passed ? 'passed' : 'FAILED'}: ${inEnglish(e.result.detail)}\n`);
        },
      });
      // Proof for the record: counters after the fix, and whether leaving admin mode still found unsaved changes.
      const tunnels = [...new Set(plans.flatMap((p) => (p.check.kind === 'tunnel-rx' ? [p.check.tunnel] : [])))];
      const counters = [];
      for (const t of tunnels) counters.push(await readTunnelCounters(session, t));
      const { hadUnsavedChanges } = await session.leaveAdmin();
      const summary = {
        status: outcome.status,
        backupPath: outcome.backupPath,
        appliedCommands: outcome.appliedCommands,
        checks: outcome.checks.map((c) => ({ passed: c.passed, detail: inEnglish(c.detail) })),
        runningEqualsBackup: outcome.runningEqualsBackup,
        difference: outcome.difference,
        failedCommand: outcome.failedCommand,
        countersAfter: counters,
        unsavedChangesAfter: hadUnsavedChanges,
      };
      if (json(parsed)) io.out(redactor.redact(JSON.stringify({ diagnosis: diagnosisJson(result, lang), outcome: summary }, null, 2)).text + '\n');
      else io.out(`${outcome.status === 'saved' ? 'Fixed and saved.' : outcome.status === 'reverted' ? 'Verification failed: changes undone; the running config equals the backup.' : 'Verification failed and the undo did not restore the backup exactly: check the config.'}\nBackup: ${outcome.backupPath}\n`);
      await registry.disconnect(connected.sessionId);
      return outcome.status === 'saved' ? EXIT_OK : EXIT_FINDINGS;
    } catch (err) {
      if (err instanceof WizardStepError) {
        io.err(`ipoe-doctor fix: ${err.message} [${err.code}]\n`);
        return err.code === 'unknown-scenario' ? EXIT_USAGE : 3;
      }
      throw err;
    } finally {
      await registry.closeAll();
    }
  },
};

function json(parsed: { flags: Map<string, unknown> }): boolean {
  return parsed.flags.has('json');
}
