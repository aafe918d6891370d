import { fromPromise } from 'xstate';
import type { ApplyEventView, ApplyOutcomeView, GatherProgressView, RecoveryView } from '../../shared/ipc/contract.js';
import { diagnose, type DiagnosisResult } from '../../shared/diagnosis/engine.js';
import { canonicalCommand, type CommandOutput } from '../../shared/diagnosis/input.js';
import { Redactor } from '../../shared/redact/redact.js';
import { ALL_RULES } from '../../shared/diagnosis/registry.js';
import { transcriptToInput } from '../../shared/diagnosis/transcript.js';
import type { FixPlan } from '../../shared/diagnosis/types.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import { say } from '../../shared/i18n/message.js';
import type { WizardActors } from '../../shared/wizard/machine.js';
import { interruptedOn, type JournalTransaction } from '../apply/journal.js';
import { assessRecovery, recoverTransaction, type RecoveryAssessment } from '../apply/recovery.js';
import { ApplyTransaction, safeApplyRtx, type ApplyOutcome } from '../apply/safe-apply.js';
import { planSshOnLive } from './ssh-on.js';
import { gatherRtx } from '../gather/gather-rtx.js';
import { writeReport } from '../report/write-report.js';
import type { ConnectionRegistry } from './connection-registry.js';
import type { LinuxCeHosts } from './linux-ce-hosts.js';
import { join } from 'node:path';
import type { ContractNotice } from '../../shared/diagnosis/input.js';
import { noticeSecrets } from '../../shared/diagnosis/notice.js';
import type { SecretValues } from '../../shared/rtx/setup/secrets.js';
import { setupPlanView } from '../../shared/wizard/setup-ipv4.js';
import { checkLine } from '../line-check/run.js';
import { lineCheckAsDiagnosis } from '../../shared/line-check/render.js';

export interface WizardActorDeps {
  connections: ConnectionRegistry;
  linuxCe: LinuxCeHosts;
  dataDir: () => string;
  emitProgress: (p: GatherProgressView) => void;
  emitApply: (e: ApplyEventView) => void;
  /** The IPv4 address pinged through the tunnel when verifying a fix. */
  pingTarget: string;
  printToPdf?: (html: string) => Promise<Buffer>;
}

/**
 * The effects behind every wizard step. What is large or secret (command outputs, the apply
 * transaction, passwords) stays here on the Node side; the machine only carries what the UI shows.
 */
export interface WizardHostState {
  /** A gathered or pasted command output, with secrets masked, for the evidence view. */
  evidenceOutput(command: string, line?: number): { command: string; output: string; firstLine: number } | null;
  /** Linux CE mode: the planned scripts of this session, written to the data dir. */
  exportCeScripts(sessionId: string | null): Promise<{ script: string; rollbackScript: string }>;
}

export function wizardActors(deps: WizardActorDeps): { actors: WizardActors; state: WizardHostState } {
  const { connections, linuxCe } = deps;
  let outputs: CommandOutput[] = [];
  let device: { model: string; firmware: string } | null = null;
  let diagnosis: DiagnosisResult | null = null;
  let tx: ApplyTransaction | null = null;
  /** The findings whose fixes the current transaction carries. */
  let txCodes: string[] = [];
  let secrets: string[] = [];
  let interrupted: JournalTransaction | null = null;
  /** The set-up's notice credentials: typed into the router's update script, masked everywhere else. */
  let setupSecrets: SecretValues = {};
  let connectionLabel: string | undefined;
  let sshPlan: FixPlan | null = null;

  const state: WizardHostState = {
    evidenceOutput(command, line) {
      const wanted = canonicalCommand(command);
      const same = outputs.filter((x) => canonicalCommand(x.command) === wanted);
      // A paste may hold the command twice: the block that holds the line, else the latest.
      const holds = (x: CommandOutput) => line !== undefined && line >= x.firstLine && line < x.firstLine + x.output.split('\n').length;
      const o = same.find(holds) ?? same.at(-1);
      if (!o) return null;
      return { command: o.command, output: new Redactor(secrets).redact(o.output).text, firstLine: o.firstLine };
    },
    exportCeScripts(sessionId) {
      if (!sessionId || !linuxCe.has(sessionId)) throw new WizardStepError('ce-no-plan', 'there is no Linux CE plan to export');
      return linuxCe.exportScripts(sessionId, join(deps.dataDir(), 'linux-ce'));
    },
  };
  const actors: WizardActors = {
    connect: fromPromise(async ({ input, signal }) => {
      const s = await connections.connect(input.request, signal);
      secrets = connections.secretsOf(s.sessionId);
      setupSecrets = {};
      connectionLabel = s.label;
      return s;
    }),
    identify: fromPromise(async ({ input }) => {
      const d = await connections.identify(input.session.sessionId);
      device = { model: d.model, firmware: d.firmware };
      return d;
    }),
    disconnect: fromPromise(({ input }) =>
      linuxCe.has(input.session.sessionId) ? linuxCe.disconnect(input.session.sessionId) : connections.disconnect(input.session.sessionId),
    ),
    trustHostKey: fromPromise(({ input }) => connections.trustHostKey(input.hostKey)),
    gather: fromPromise(async ({ input, signal }) => {
      const session = connections.session(input.session.sessionId);
      const reuse = connections.takeIdentifyOutputs(input.session.sessionId);
      outputs = await gatherRtx(session, ALL_RULES, (p) => deps.emitProgress({ ...p, bytesPerSecond: session.transport.bytesPerSecond }), signal, reuse);
      return { commands: outputs.length };
    }),
    diagnose: fromPromise(async () => {
      diagnosis = diagnose({ platform: 'rtx', source: 'live', outputs, device });
      return diagnosis;
    }),
    diagnoseTranscript: fromPromise(async ({ input }) => {
      const parsed = transcriptToInput(input.text);
      if (parsed.outputs.length === 0) {
        throw new WizardStepError('transcript-empty', say('msg.wizard.transcriptEmpty'));
      }
      outputs = parsed.outputs;
      device = parsed.device ?? null;
      secrets = [];
      connectionLabel = undefined;
      diagnosis = diagnose(parsed);
      return diagnosis;
    }),
    applyFixes: fromPromise(async ({ input }) => {
      const plans: FixPlan[] = input.codes.map((code) => {
        const fix = diagnosis?.findings.find((f) => f.code === code)?.fix;
        if (!fix || fix.target !== 'rtx') throw new WizardStepError('fix-unavailable', say('msg.wizard.noRouterFix', { code }));
        return fix;
      });
      txCodes = [...input.codes];
      tx = new ApplyTransaction(connections.session(input.session.sessionId), plans, {
        dataDir: deps.dataDir(),
        secrets: setupSecrets,
        model: device?.model ?? 'router',
        router: connections.routerIdentity(input.session.sessionId),
        pingTarget: deps.pingTarget,
        onEvent: (e) => deps.emitApply(e as ApplyEventView),
      });
      const r = await tx.apply();
      return { ok: r.ok, failedCommand: tx.failedCommand };
    }),
    verifyFixes: fromPromise(async () => {
      if (!tx) throw new WizardStepError('no-transaction', say('msg.wizard.nothingApplied'));
      return { passed: (await tx.verify()).passed };
    }),
    saveFixes: fromPromise(async () => {
      if (!tx) throw new WizardStepError('no-transaction', say('msg.wizard.nothingApplied'));
      return outcomeView(await tx.save(), txCodes);
    }),
    revertFixes: fromPromise(async () => {
      if (!tx) throw new WizardStepError('no-transaction', say('msg.wizard.nothingApplied'));
      return outcomeView(await tx.revert(), txCodes);
    }),
    checkRecovery: fromPromise(async ({ input }) => {
      interrupted = interruptedOn(deps.dataDir(), connections.routerIdentity(input.session.sessionId));
      if (!interrupted) return null;
      return recoveryView(await assessRecovery(connections.session(input.session.sessionId), interrupted, setupSecrets), interrupted);
    }),
    recover: fromPromise(async ({ input }) => {
      const router = connections.routerIdentity(input.session.sessionId);
      const found = interrupted ?? interruptedOn(deps.dataDir(), router);
      if (!found) throw new WizardStepError('no-transaction', say('msg.wizard.nothingApplied'));
      // The console and chart start afresh for the recovery's own steps.
      deps.emitApply({ kind: 'phase', phase: 'recover' });
      const o = await recoverTransaction(connections.session(input.session.sessionId), found, input.choice, {
        dataDir: deps.dataDir(),
        model: router.model,
        router,
        secrets: setupSecrets,
        pingTarget: deps.pingTarget,
        onEvent: (e) => deps.emitApply(e as ApplyEventView),
      });
      interrupted = null;
      return { ...outcomeView(o, []), choice: o.choice, unsavedChangesAfter: o.unsavedChangesAfter };
    }),
    buildReport: fromPromise(async ({ input }) => {
      if (!diagnosis) throw new WizardStepError('no-diagnosis', say('msg.wizard.noDiagnosis'));
      const a = input.applyOutcome;
      return writeReport(
        {
          diagnosis,
          apply: a
            ? { status: a.status, fixedCodes: a.fixedCodes, appliedCommands: a.appliedCommands, checks: a.checks, backupPath: a.backupPath, difference: a.difference }
            : null,
          generatedAt: new Date(),
          ...(connectionLabel ? { connectionLabel } : {}),
        },
        { dir: join(deps.dataDir(), 'reports'), lang: input.lang, knownSecrets: secrets, ...(deps.printToPdf ? { printToPdf: deps.printToPdf } : {}) },
      );
    }),
    planSsh: fromPromise(async ({ input }) => {
      const host = connections.hostOf(input.session.sessionId);
      if (!host) throw new WizardStepError('fix-unavailable', say('msg.wizard.noRouterFix', { code: 'SSH' }));
      const planned = await planSshOnLive(connections.session(input.session.sessionId), host);
      sshPlan = planned.kind === 'plan' ? planned.plan : null;
      return planned.kind === 'plan'
        ? { alreadyOn: false, host, port: planned.port, lan: planned.lan, commands: planned.plan.commands, inverse: planned.plan.inverse, summary: planned.plan.summary, notes: planned.notes }
        : { alreadyOn: true, host, port: planned.port, lan: null, commands: [], inverse: [], summary: null, notes: [] };
    }),
    enableSsh: fromPromise(async ({ input }) => {
      if (!sshPlan) throw new WizardStepError('no-transaction', say('msg.wizard.nothingApplied'));
      const outcome = await safeApplyRtx(connections.session(input.session.sessionId), [sshPlan], {
        dataDir: deps.dataDir(),
        model: device?.model ?? 'router',
        router: connections.routerIdentity(input.session.sessionId),
        pingTarget: deps.pingTarget,
        onEvent: (e) => deps.emitApply(e as ApplyEventView),
      });
      return outcomeView(outcome, []);
    }),
    planSetup: fromPromise(async ({ input }) => {
      // The user's service (and notice) win over every guess, as a notice does: diagnose again with them.
      const notice: ContractNotice = { ...(input.notice ?? {}), serviceId: input.service };
      diagnosis = diagnose({ platform: 'rtx', source: 'live', outputs, device, notice });
      setupSecrets = { ...(notice.updateUser ? { updateUser: notice.updateUser } : {}), ...(notice.updatePassword ? { updatePassword: notice.updatePassword } : {}) };
      secrets = [...new Set([...secrets, ...noticeSecrets(notice)])];
      return { plan: setupPlanView(input.service, diagnosis), diagnosis };
    }),
    ceConnect: fromPromise(({ input, signal }) => linuxCe.connect(input.target, signal)),
    ceDetect: fromPromise(({ input }) => linuxCe.detect(input.session.sessionId)),
    cePlan: fromPromise(({ input }) => linuxCe.plan(input.session.sessionId, input.request)),
    ceDiagnose: fromPromise(async ({ input }) => {
      const r = await linuxCe.diagnose(input.session.sessionId, input.request);
      // From here on the findings, the evidence view and the report are about this Linux CE.
      outputs = r.outputs;
      device = null;
      secrets = r.secrets;
      connectionLabel = input.session.label;
      diagnosis = r.result;
      return r.result;
    }),
    ceApply: fromPromise(({ input }) => linuxCe.apply(input.session.sessionId)),
    ceVerify: fromPromise(({ input }) => linuxCe.verify(input.session.sessionId)),
    cePersist: fromPromise(({ input }) => linuxCe.persist(input.session.sessionId)),
    ceRollback: fromPromise(({ input }) => linuxCe.rollback(input.session.sessionId)),
    lineCheck: fromPromise(async ({ input }) => {
      const { observation, result } = await checkLine({
        ...(input.request.router ? { router: input.request.router } : {}),
        ...(input.request.service ? { service: input.request.service } : {}),
      });
      // The probes' outputs back the findings' evidence view, like a router's gathered outputs.
      outputs = observation.outputs.map((o) => ({ command: o.command, output: o.output, firstLine: 1, status: o.exitCode === 0 ? 'ok' : 'error' }));
      // The support report is built from what this computer saw: no router, no secrets.
      diagnosis = lineCheckAsDiagnosis(result);
      device = null;
      secrets = [];
      connectionLabel = 'ipoe-doctor line-check';
      return result;
    }),
  };
  return { actors, state };
}

function recoveryView(a: RecoveryAssessment, t: JournalTransaction): RecoveryView {
  return {
    transactionId: a.transactionId,
    startedAt: a.startedAt,
    backupPath: a.backupPath,
    stepReached: a.stepReached,
    commandsSent: a.commandsSent,
    commandsTotal: a.commandsTotal,
    commands: t.begin.plans.flatMap((p) => p.commands),
    running: a.running,
    saved: a.saved,
    unsavedChanges: a.unsavedChanges,
    changes: a.changes,
    recommended: a.recommended,
  };
}

/** What the UI and the report need of an outcome (counter samples stay behind). */
function outcomeView(o: ApplyOutcome, fixedCodes: string[]): ApplyOutcomeView {
  return { ...o, fixedCodes, checks: o.checks.map((c) => ({ detail: c.detail, passed: c.passed })) };
}
