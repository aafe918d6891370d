import { diagnosisJson } from '../../../shared/diagnosis/engine.js';
import { Redactor } from '../../../shared/redact/redact.js';
import { inEnglish, say } from '../../../shared/i18n/message.js';
import { WizardStepError } from '../../../shared/wizard/errors.js';
import { dataDir } from '../../app-data.js';
import { safeApplyRtx, type ApplyEvent, type SafeApplyOptions } from '../../apply/safe-apply.js';
import type { RtxSession } from '../../devices/rtx-session.js';
import { planSshOnLive } from '../../services/ssh-on.js';
import { readTunnelCounters } from '../../apply/verify-rtx.js';
import { ConnectionRegistry } from '../../services/connection-registry.js';
import { FixRefusedError, fixRouter } from '../../services/fix-router.js';
import { noticeSecrets } from '../../../shared/diagnosis/notice.js';
import { NOTICE_USAGE, noticeFromArgs, serviceFromArgs } from '../notice-args.js';
import { cliDecisions } from '../setup-decisions.js';
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
  usage: `fix ${CONNECTION_USAGE} [--yes] [--only CODE,CODE] ${NOTICE_USAGE} [--service ID] [--pppoe-default tunnel] [--ping-target A.B.C.D] [--enable-ssh [--ssh-listen PORT]] [--json] [--lang ja|en]`,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {
      valued: [...CONNECTION_FLAGS.valued, 'only', 'ping-target', 'lang', 'notice', 'service', 'pppoe-default', 'ssh-listen'],
      boolean: [...CONNECTION_FLAGS.boolean, 'yes', 'json', 'enable-ssh'],
    });
    const lang = cliLanguage(flagString(parsed, 'lang'), io.env);
    const yes = parsed.flags.has('yes');
    if (!yes && !process.stdin.isTTY) throw new UsageError('there is no terminal to confirm each change on: add --yes to apply without asking');
    const pingTarget = flagString(parsed, 'ping-target') ?? io.env.IPOE_DOCTOR_PING_TARGET ?? '1.1.1.1';
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(pingTarget)) throw new UsageError('--ping-target needs an IPv4 address');
    const only = flagString(parsed, 'only')?.split(',').map((c) => c.trim().toUpperCase());
    const enableSsh = parsed.flags.has('enable-ssh');
    const sshListen = flagString(parsed, 'ssh-listen');
    if (sshListen !== undefined && !enableSsh) throw new UsageError('--ssh-listen goes with --enable-ssh');
    const sshPort = sshListen === undefined ? undefined : Number(sshListen);
    if (sshPort !== undefined && (!Number.isInteger(sshPort) || sshPort < 1 || sshPort > 65535)) throw new UsageError('--ssh-listen needs a port number 1–65535');
    if (enableSsh && !parsed.flags.has('telnet')) throw new UsageError('--enable-ssh turns SSH on over a Telnet connection: use it with --telnet host');
    const service = serviceFromArgs(parsed);
    const pppoeFlag = flagString(parsed, 'pppoe-default');
    if (pppoeFlag !== undefined && pppoeFlag !== 'tunnel') throw new UsageError('--pppoe-default takes "tunnel" (move the PPPoE default route to the IPoE tunnel)');
    const request = await connectionFromArgs(parsed, io);
    const registry = new ConnectionRegistry();
    try {
      const notice = await noticeFromArgs(parsed, request.kind === 'demo' ? request.scenario : undefined);
      io.err('[connect]\n');
      const connected = await openForCli(registry, request, { pinnedFingerprint: flagString(parsed, 'trust-host-key'), log: (l) => io.err(`${l}\n`) });
      const redactor = new Redactor([...registry.secretsOf(connected.sessionId), ...noticeSecrets(notice)]);
      const device = cliDevice(await registry.identify(connected.sessionId));
      const session = registry.session(connected.sessionId);
      const confirm = yes ? {} : { confirm: async (command: string) => /^y(es)?$/i.test((await ask(`apply "${command}"? [y/N] `)) ?? '') };
      const onEvent = (e: ApplyEvent) => {
        if (e.kind === 'phase') io.err(`[${e.phase}]\n`);
        if (e.kind === 'command') io.err(`  ${e.phase === 'revert' ? 'undo' : e.phase}: ${e.command}${e.error ? `  → ${e.error}` : ''}\n`);
        if (e.kind === 'verify') io.err(`  ${e.result.passed ? 'passed' : 'FAILED'}: ${inEnglish(e.result.detail)}\n`);
      };
      // SSH for next time first: its own transaction (backup, apply, SSH answers from here, save), whatever the diagnosis finds.
      const sshOn = enableSsh && request.kind === 'telnet' ? await turnSshOn(session, request.host, sshPort, { dataDir: dataDir(), model: device.model, pingTarget, ...confirm, onEvent }) : null;
      if (sshOn && !json(parsed)) io.out(`${sshOn.message}\n`);
      const fixed = await fixRouter(session, {
        device,
        ...(notice || service ? { notice: { ...notice, ...(service ? { serviceId: service } : {}) } } : {}),
        reuse: registry.takeIdentifyOutputs(connected.sessionId),
        ...(only ? { only } : {}),
        dataDir: dataDir(),
        pingTarget,
        decisions: cliDecisions({ yes, pppoeFlag, io }),
        ...confirm,
        onEvent,
      });
      const { result, plans, outcome } = fixed;
      if (!json(parsed)) io.out(redactor.redact(renderDiagnosisText(result, lang)).text);
      if (!outcome) {
        if (json(parsed)) io.out(redactor.redact(JSON.stringify({ diagnosis: diagnosisJson(result, lang), outcome: null, ...(sshOn ? { sshOn: sshOn.json } : {}) }, null, 2)).text + '\n');
        else io.out('Nothing to fix on the router itself.\n');
        return result.findings.some((f) => f.severity === 'error') || sshOn?.ok === false ? EXIT_FINDINGS : EXIT_OK;
      }
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
      if (json(parsed)) io.out(redactor.redact(JSON.stringify({ diagnosis: diagnosisJson(result, lang), outcome: summary, ...(sshOn ? { sshOn: sshOn.json } : {}) }, null, 2)).text + '\n');
      else io.out(`${outcome.status === 'saved' ? 'Fixed and saved.' : outcome.status === 'reverted' ? 'Verification failed: changes undone; the running config equals the backup.' : 'Verification failed and the undo did not restore the backup exactly: check the config.'}\nBackup: ${outcome.backupPath}\n`);
      await registry.disconnect(connected.sessionId);
      return outcome.status === 'saved' && sshOn?.ok !== false ? EXIT_OK : EXIT_FINDINGS;
    } catch (err) {
      if (err instanceof FixRefusedError) {
        io.err(`ipoe-doctor fix: ${err.message}\n`);
        return EXIT_USAGE;
      }
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

/** The SSH-on plan through safe apply; what to print, in text and JSON. */
async function turnSshOn(
  session: RtxSession,
  host: string,
  port: number | undefined,
  opts: SafeApplyOptions,
): Promise<{ ok: boolean; message: string; json: Record<string, unknown> }> {
  const planned = await planSshOnLive(session, host, port);
  if (planned.kind === 'already-on') {
    return { ok: true, message: inEnglish(say('sshOn.alreadyOn', { port: planned.port })), json: { status: 'already-on', port: planned.port } };
  }
  const outcome = await safeApplyRtx(session, [planned.plan], opts);
  const ok = outcome.status === 'saved';
  const notes = planned.notes.map(inEnglish);
  return {
    ok,
    message: [inEnglish(ok ? say('sshOn.cli.saved', { host, port: planned.port }) : say('sshOn.reverted', { port: planned.port })), ...notes].join('\n'),
    json: { status: outcome.status, port: planned.port, lan: planned.lan, appliedCommands: outcome.appliedCommands, backupPath: outcome.backupPath, checks: outcome.checks.map((c) => ({ passed: c.passed, detail: inEnglish(c.detail) })), notes },
  };
}

function json(parsed: { flags: Map<string, unknown> }): boolean {
  return parsed.flags.has('json');
}
