/**
 * Linux CE mode in the app: the hosts the wizard turns into a CE, keyed by the same opaque session ids as the
 * router sessions. Everything secret (SSH and update-server passwords) and everything large (the plan with its
 * nft table, the target's shell) stays here; the wizard carries views with masked output.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  LinuxCeCheckView,
  LinuxCeDetectView,
  LinuxCePlanRequest,
  LinuxCePlanView,
  LinuxCeTarget,
  LinuxCeView,
} from '../../shared/ipc/contract.js';
import type { DiagnosisResult } from '../../shared/diagnosis/engine.js';
import type { CommandOutput } from '../../shared/diagnosis/input.js';
import type { HostFacts } from '../../shared/linux/host-facts.js';
import { CalcInputError } from '../../shared/mape/index.js';
import { Redactor } from '../../shared/redact/redact.js';
import { serviceForPrefix } from '../../shared/services/index.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import type { ConnectedSession } from '../../shared/wizard/machine.js';
import { ShellSessionError } from '../devices/linux-shell-session.js';
import { DatapathError, applyPlan, persist, readState, rollback, runVerify } from '../datapath/apply.js';
import { detectHost } from '../datapath/detect.js';
import { diagnoseHost } from '../datapath/diagnose-host.js';
import { UPDATE_PASS_FILE } from '../../shared/linux/datapath/names.js';
import { MissingPlanFieldsError, applyBlockers, contractNotice, existingTunnelsToReplace, given, planInputOf } from '../datapath/plan-request.js';
import { PlanError, buildPlan, type DatapathPlan } from '../datapath/plan.js';
import { ExistingTunnelError } from '../datapath/read-existing-tunnel.js';
import { TargetError, openTarget, type Target } from '../datapath/target.js';
import type { KnownHosts } from '../transports/known-hosts.js';
import { asStepError } from './connection-registry.js';

interface Host {
  target: Target;
  secrets: string[];
  facts: HostFacts | null;
  plan: DatapathPlan | null;
  updatePassword: string | undefined;
}

export class LinuxCeHosts {
  private live = new Map<string, Host>();

  constructor(private readonly knownHosts: KnownHosts) {}

  has(sessionId: string): boolean {
    return this.live.has(sessionId);
  }

  async connect(request: LinuxCeTarget, signal?: AbortSignal): Promise<ConnectedSession> {
    const target = await stepErrors(() =>
      openTarget(
        request.kind === 'local'
          ? { kind: 'local', sudoPassword: request.sudoPassword }
          : {
              kind: 'ssh',
              host: request.host,
              port: request.port,
              username: request.username,
              password: request.password,
              privateKeyPath: request.privateKeyPath,
              knownHosts: this.knownHosts,
              sudoPassword: request.password,
            },
      ),
    );
    if (signal?.aborted) {
      await target.close().catch(() => undefined);
      throw new WizardStepError('cancelled', 'cancelled');
    }
    const sessionId = randomUUID();
    const secret = request.kind === 'ssh' ? request.password : request.sudoPassword;
    this.live.set(sessionId, { target, secrets: secret ? [secret] : [], facts: null, plan: null, updatePassword: undefined });
    return { sessionId, label: target.label, demo: false };
  }

  async detect(sessionId: string): Promise<LinuxCeDetectView> {
    const host = this.get(sessionId);
    return stepErrors(async () => {
      const { facts } = await detectHost(host.target, {});
      host.facts = facts;
      const state = await readState(host.target);
      return {
        facts,
        applied: state
          ? { serviceName: state.summary.serviceName, appliedAt: state.appliedAt, persisted: state.persisted, tunnel: state.summary.tunnel, br: state.summary.br, ipv4: state.summary.ipv4 }
          : null,
        suggestedService: suggestedService(facts),
      };
    });
  }

  /** The CE the host already has, through the shared Linux rules; the outputs are kept for the evidence view. */
  async diagnose(sessionId: string, request: LinuxCePlanRequest): Promise<{ result: DiagnosisResult; outputs: CommandOutput[]; secrets: string[] }> {
    const host = this.get(sessionId);
    return stepErrors(async () => {
      const notice = contractNotice(request);
      const prefix = given(request.prefix) ?? host.facts?.prefix?.prefix;
      const { result, outputs } = await diagnoseHost(host.target, { notice, ...(prefix ? { prefix } : {}) });
      return { result, outputs, secrets: host.secrets };
    });
  }

  async plan(sessionId: string, request: LinuxCePlanRequest): Promise<LinuxCePlanView> {
    const host = this.get(sessionId);
    const facts = host.facts;
    if (!facts) throw new WizardStepError('ce-not-detected', 'detect the host first');
    return stepErrors(async () => {
      const replace = await existingTunnelsToReplace(host.target, facts, request.replaceExisting);
      const plan = buildPlan(planInputOf(request, facts, replace));
      host.plan = plan;
      host.updatePassword = request.updatePassword || undefined;
      if (host.updatePassword) host.secrets = [...new Set([...host.secrets, host.updatePassword])];
      const notifies = plan.steps.some((s) => s.id === 'update-notify');
      const stored = notifies && !host.updatePassword ? (await host.target.runRoot(`[ -s ${UPDATE_PASS_FILE} ]`)).exitCode === 0 : false;
      return {
        summary: plan.summary,
        steps: plan.steps.map((s) => s.description),
        script: plan.script,
        rollbackScript: plan.rollbackScript,
        warnings: plan.warnings,
        verify: plan.verify.map((v) => v.description),
        needsUpdatePassword: notifies && !host.updatePassword && !stored,
        blockers: applyBlockers(facts, given(request.prefix) !== undefined).map((g) => `${g.message} — ${g.hint}`),
      };
    });
  }

  async apply(sessionId: string): Promise<NonNullable<LinuxCeView['apply']>> {
    const host = this.get(sessionId);
    const plan = host.plan;
    if (!plan) throw new WizardStepError('ce-no-plan', 'there is no plan to apply');
    return stepErrors(async () => {
      const r = await applyPlan(host.target, plan, { updatePassword: host.updatePassword });
      return { ok: r.ok, output: this.mask(host, r.output) };
    });
  }

  async verify(sessionId: string): Promise<LinuxCeCheckView[]> {
    const host = this.get(sessionId);
    return stepErrors(async () => {
      const checks = host.plan?.verify ?? (await readState(host.target))?.verify;
      if (!checks) throw new WizardStepError('ce-no-plan', 'nothing is applied on this host to verify');
      const results = await runVerify(host.target, checks);
      return results.map((r) => ({ ...r, output: this.mask(host, r.output) }));
    });
  }

  async persist(sessionId: string): Promise<NonNullable<LinuxCeView['persist']>> {
    const host = this.get(sessionId);
    return stepErrors(async () => {
      const state = await readState(host.target);
      if (!state) throw new WizardStepError('ce-not-applied', 'nothing is applied on this host: apply first, persistence keeps exactly what was applied');
      const r = await persist(host.target, state);
      return { ...r, output: this.mask(host, r.output) };
    });
  }

  async rollback(sessionId: string): Promise<NonNullable<LinuxCeView['rollback']>> {
    const host = this.get(sessionId);
    return stepErrors(async () => {
      const r = await rollback(host.target);
      if (!r) return { ok: true, output: '', identical: null, differences: [] };
      return { ok: r.ok, output: this.mask(host, r.output), identical: r.diff?.identical ?? null, differences: r.diff?.differences ?? [] };
    });
  }

  /** The planned scripts as files a person can keep, review or run by hand. */
  async exportScripts(sessionId: string, dir: string): Promise<{ script: string; rollbackScript: string }> {
    const plan = this.get(sessionId).plan;
    if (!plan) throw new WizardStepError('ce-no-plan', 'there is no plan to export');
    await mkdir(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const script = join(dir, `ipoe-doctor-ce-${stamp}.sh`);
    const rollbackScript = join(dir, `ipoe-doctor-ce-${stamp}.rollback.sh`);
    await writeFile(script, plan.script, { mode: 0o755 });
    await writeFile(rollbackScript, plan.rollbackScript, { mode: 0o755 });
    return { script, rollbackScript };
  }

  async disconnect(sessionId: string): Promise<void> {
    const host = this.live.get(sessionId);
    this.live.delete(sessionId);
    if (host) await host.target.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.disconnect(id).catch(() => undefined)));
  }

  private mask(host: Host, text: string): string {
    return new Redactor(host.secrets).redact(text).text;
  }

  private get(sessionId: string): Host {
    const host = this.live.get(sessionId);
    if (!host) throw new WizardStepError('session-gone', 'the connection to the host is gone; connect again');
    return host;
  }
}

function suggestedService(facts: HostFacts): LinuxCeDetectView['suggestedService'] {
  if (!facts.prefix) return null;
  try {
    return serviceForPrefix(facts.prefix.prefix)?.id ?? null;
  } catch {
    return null;
  }
}

/** Datapath and shell errors as wizard errors with a stable code the UI translates. */
async function stepErrors<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof WizardStepError) throw err;
    if (err instanceof MissingPlanFieldsError) throw new WizardStepError('ce-plan-missing', `detection found no ${err.fields.join(', ')}: fill ${err.fields.length > 1 ? 'them' : 'it'} in`);
    if (err instanceof PlanError || err instanceof CalcInputError || err instanceof ExistingTunnelError) throw new WizardStepError('ce-plan-invalid', err.message);
    if (err instanceof ShellSessionError) throw new WizardStepError(err.code === 'disconnected' ? 'disconnected' : err.code, err.message);
    if (err instanceof TargetError || err instanceof DatapathError) throw new WizardStepError('ce-target', err.message);
    throw asStepError(err);
  }
}
