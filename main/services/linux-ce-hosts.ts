/**
 * Linux CE mode in the app: the hosts the wizard turns into a CE, keyed by the same opaque session ids as the
 * router sessions. Each is a LinuxCeHost (main/datapath/linux-ce-host.ts, the service the CLI drives too); this
 * file only keys them, shapes their results into the contract's views and turns their errors into wizard errors.
 * Everything secret and everything large (the plan with its nft table, the target's shell) stays on the Node
 * side; the wizard carries views with masked output.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
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
import { MissingPlanFieldsError } from '../../shared/linux/datapath/errors.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import type { ConnectedSession } from '../../shared/wizard/machine.js';
import { ShellSessionError } from '../devices/linux-shell-session.js';
import { LinuxCeHost, linuxCeErrorText, linuxCeFailure, suggestedService, writePlanScripts } from '../datapath/linux-ce-host.js';
import type { KnownHosts } from '../transports/known-hosts.js';
import { asStepError } from './connection-registry.js';
import { TransportError } from '../transports/transport.js';

export class LinuxCeHosts {
  private live = new Map<string, LinuxCeHost>();

  constructor(private readonly knownHosts: KnownHosts) {}

  has(sessionId: string): boolean {
    return this.live.has(sessionId);
  }

  async connect(request: LinuxCeTarget, signal?: AbortSignal): Promise<ConnectedSession> {
    const host = await stepErrors(() =>
      request.kind === 'local'
        ? LinuxCeHost.open({ kind: 'local', sudoPassword: request.sudoPassword }, [request.sudoPassword])
        : LinuxCeHost.open(
            {
              kind: 'ssh',
              host: request.host,
              port: request.port,
              username: request.username,
              password: request.password,
              privateKeyPath: request.privateKeyPath,
              knownHosts: this.knownHosts,
              sudoPassword: request.password,
            },
            [request.password],
          ),
    );
    if (signal?.aborted) {
      await host.close().catch(() => undefined);
      throw new WizardStepError('cancelled', 'cancelled');
    }
    const sessionId = randomUUID();
    this.live.set(sessionId, host);
    return { sessionId, label: host.label, demo: false };
  }

  async detect(sessionId: string): Promise<LinuxCeDetectView> {
    const host = this.get(sessionId);
    return stepErrors(async () => {
      const facts = await host.detect();
      return { facts, applied: await host.applied(), suggestedService: suggestedService(facts) };
    });
  }

  /** The CE the host already has, through the shared Linux rules; the outputs are kept for the evidence view. */
  async diagnose(sessionId: string, request: LinuxCePlanRequest): Promise<{ result: DiagnosisResult; outputs: CommandOutput[]; secrets: string[] }> {
    const host = this.get(sessionId);
    return stepErrors(async () => ({ ...(await host.diagnose(request)), secrets: host.knownSecrets() }));
  }

  async plan(sessionId: string, request: LinuxCePlanRequest): Promise<LinuxCePlanView> {
    const host = this.get(sessionId);
    if (!host.detected) throw new WizardStepError('ce-not-detected', 'detect the host first');
    return stepErrors(async () => {
      const { plan, blockers, needsUpdatePassword } = await host.makePlan(request);
      return {
        summary: plan.summary,
        steps: plan.steps.map((s) => s.text),
        script: plan.script,
        rollbackScript: plan.rollbackScript,
        warnings: plan.warnings,
        sources: plan.sources,
        verify: plan.verify.map((v) => v.text),
        needsUpdatePassword,
        blockers,
      };
    });
  }

  async apply(sessionId: string): Promise<NonNullable<LinuxCeView['apply']>> {
    const host = this.get(sessionId);
    if (!host.plan) throw new WizardStepError('ce-no-plan', 'there is no plan to apply');
    return stepErrors(async () => {
      const r = await host.apply();
      return { ok: r.ok, output: r.output };
    });
  }

  async verify(sessionId: string): Promise<LinuxCeCheckView[]> {
    const host = this.get(sessionId);
    return stepErrors(async () => {
      const checks = await host.currentChecks();
      if (!checks) throw new WizardStepError('ce-no-plan', 'nothing is applied on this host to verify');
      return host.verify(checks);
    });
  }

  async persist(sessionId: string): Promise<NonNullable<LinuxCeView['persist']>> {
    const host = this.get(sessionId);
    return stepErrors(async () => {
      const r = await host.persist();
      if (!r) throw new WizardStepError('ce-not-applied', 'nothing is applied on this host: apply first, persistence keeps exactly what was applied');
      return r;
    });
  }

  async rollback(sessionId: string): Promise<NonNullable<LinuxCeView['rollback']>> {
    const host = this.get(sessionId);
    return stepErrors(async () => {
      const r = await host.rollback();
      if (!r) return { ok: true, output: '', identical: null, differences: [] };
      return { ok: r.ok, output: r.output, identical: r.diff?.identical ?? null, differences: r.diff?.differences ?? [] };
    });
  }

  /** The planned scripts as files a person can keep, review or run by hand. */
  async exportScripts(sessionId: string, dir: string): Promise<{ script: string; rollbackScript: string }> {
    const plan = this.get(sessionId).plan;
    if (!plan) throw new WizardStepError('ce-no-plan', 'there is no plan to export');
    await mkdir(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return writePlanScripts(plan, join(dir, `ipoe-doctor-ce-${stamp}.sh`));
  }

  async disconnect(sessionId: string): Promise<void> {
    const host = this.live.get(sessionId);
    this.live.delete(sessionId);
    if (host) await host.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.disconnect(id).catch(() => undefined)));
  }

  private get(sessionId: string): LinuxCeHost {
    const host = this.live.get(sessionId);
    if (!host) throw new WizardStepError('session-gone', 'the connection to the host is gone; connect again');
    return host;
  }
}

/** Datapath and shell errors as wizard errors with a stable code the UI translates, and their text. */
async function stepErrors<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof WizardStepError) throw err;
    const text = linuxCeErrorText(err) ?? undefined;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof MissingPlanFieldsError) throw new WizardStepError('ce-plan-missing', err.detail ?? message);
    if (err instanceof ShellSessionError) throw new WizardStepError(err.code === 'disconnected' ? 'disconnected' : err.code, err.message);
    const failure = linuxCeFailure(err);
    if (failure === 'input') throw new WizardStepError('ce-plan-invalid', text ?? message);
    // A TransportError keeps its own code (ssh-auth-failed, ssh-host-key-unknown …), as for a router.
    if (err instanceof TransportError) throw asStepError(err);
    if (failure === 'host' && text) throw new WizardStepError('ce-target', text);
    const step = asStepError(err);
    throw step instanceof WizardStepError || !text ? step : new WizardStepError('unexpected', text);
  }
}
