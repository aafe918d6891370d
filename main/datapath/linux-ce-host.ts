/**
 * Linux CE mode on one host: connect, detect, diagnose, plan, apply, verify, persist, roll back. The CLI
 * (`ipoe-doctor linux-ce`) and the wizard (main/services/linux-ce-hosts.ts) both drive a LinuxCeHost, so the
 * two cannot drift: they only differ in how they ask for things and how they show the results.
 *
 * What is secret (SSH, sudo and update-server passwords) stays here and is masked out of every output it
 * returns; texts are catalog codes (shared/i18n), rendered by the caller in its language.
 */
import { chmod, writeFile } from 'node:fs/promises';
import type { DiagnosisResult } from '../../shared/diagnosis/engine.js';
import type { CommandOutput } from '../../shared/diagnosis/input.js';
import type { LinuxCeAppliedView } from '../../shared/ipc/contract.js';
import { MessageError, type Message } from '../../shared/i18n/message.js';
import { PlanError } from '../../shared/linux/datapath/errors.js';
import type { ExistingTunnel } from '../../shared/linux/datapath/existing-tunnel.js';
import { TUNNEL, UPDATE_PASS_FILE } from '../../shared/linux/datapath/names.js';
import { applyBlockers, contractNotice, given, planInputOf, type PlanRequest } from '../../shared/linux/datapath/plan-request.js';
import { buildPlan, type DatapathPlan, type PlanInput } from '../../shared/linux/datapath/plan.js';
import { LINE_DNS_FUNCTIONS, RESOLVE_AAAA_FUNCTION } from '../../shared/linux/datapath/line-dns.js';
import { shq } from '../../shared/linux/datapath/sh.js';
import { provisionedFor, type ProvisioningRecord } from '../../shared/provisioning/index.js';
import { lookupProvisioning } from '../provisioning/hb46pp-client.js';
import { shellProvisioningIo } from '../provisioning/io-shell.js';
import { ceText } from '../../shared/linux/datapath/text.js';
import type { VerifyCheck, VerifyResult } from '../../shared/linux/datapath/verify.js';
import type { Gap, HostFacts } from '../../shared/linux/host-facts.js';
import { CalcInputError } from '../../shared/mape/index.js';
import { Redactor } from '../../shared/redact/redact.js';
import { isFixedIp, serviceById, serviceForPrefix, type ServiceId } from '../../shared/services/index.js';
import { ShellSessionError } from '../devices/linux-shell-session.js';
import { TransportError } from '../transports/transport.js';
import { DatapathError, applyPlan, persist, readPrefixStatus, readState, rollback, runVerify, unpersist, type ApplyOutcome, type PersistOutcome, type PrefixStatus, type RollbackOutcome } from './apply.js';
import { detectHost } from './detect.js';
import { diagnoseHost } from './diagnose-host.js';
import { ExistingTunnelError, readExistingTunnel } from './read-existing-tunnel.js';
import { TargetError, openTarget, type Target, type TargetRequest } from './target.js';

export interface DetectRequest {
  /** --wan / the form's WAN: overrides the interface of the IPv6 default route. */
  wan?: string | undefined;
  /** The person gave the prefix: a missing one is then no gap. */
  prefixGiven?: boolean;
  /** The service, when known (fixed IP needs curl for the update notification). */
  service?: ServiceId | undefined;
  onProgress?: (what: string) => void;
}

export interface LinuxCePlanRequest extends PlanRequest {
  /** Names of the person's own tunnels to take over (--replace-existing, the form's checkboxes). */
  replaceExisting?: readonly string[];
  /** Fixed IP: the update-server password, written root-only on the host when applied. */
  updatePassword?: string | undefined;
  /** Ask the provider's own provisioning server (HB46PP) from the host first (default true). */
  askProvisioning?: boolean;
}

export interface PlannedCe {
  plan: DatapathPlan;
  /** Detection's blockers: apply is refused until they are fixed. */
  blockers: Gap[];
  /** Fixed IP: no password was given and the host has none stored yet. */
  needsUpdatePassword: boolean;
}

export class LinuxCeHost {
  private facts: HostFacts | null = null;
  private provisioned: ProvisioningRecord | null = null;
  private planned: DatapathPlan | null = null;
  private updatePassword: string | undefined;
  private secrets: string[];

  constructor(
    readonly target: Target,
    secrets: readonly (string | undefined)[] = [],
  ) {
    this.secrets = secrets.filter((s): s is string => !!s);
  }

  /** Opens the target; every password of the request is masked from then on. */
  static async open(request: TargetRequest, secrets: readonly (string | undefined)[]): Promise<LinuxCeHost> {
    return new LinuxCeHost(await openTarget(request), secrets);
  }

  get label(): string {
    return this.target.label;
  }

  /** What must never be shown (for the diagnosis's evidence and reports). */
  knownSecrets(): string[] {
    return [...this.secrets];
  }

  /** The plan made last, if any. */
  get plan(): DatapathPlan | null {
    return this.planned;
  }

  async detect(request: DetectRequest = {}): Promise<HostFacts> {
    const { facts } = await detectHost(this.target, {
      wan: request.wan,
      prefixGiven: request.prefixGiven ?? false,
      needsUpdateClient: request.service !== undefined && isFixedIp(request.service),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
    this.facts = facts;
    return facts;
  }

  /** The facts of the last detection. */
  get detected(): HostFacts | null {
    return this.facts;
  }

  /** What IPoE Doctor applied earlier on this host (its state file), so it can be rolled back. */
  async applied(): Promise<LinuxCeAppliedView | null> {
    const state = await readState(this.target);
    if (!state) return null;
    const s = state.summary;
    return { serviceName: s.serviceName, appliedAt: state.appliedAt, persisted: state.persisted, tunnel: s.tunnel, br: s.br, ipv4: s.ipv4 };
  }

  /** The CE the host already has, through the shared Linux rules (with what the person said of the contract). */
  async diagnose(request: Partial<PlanRequest> & { askProvisioning?: boolean }, onProgress?: (command: string) => void): Promise<{ result: DiagnosisResult; outputs: CommandOutput[] }> {
    const prefix = given(request.prefix) ?? this.facts?.prefix?.prefix;
    // The provider's own answer, asked from the host over the line, makes the expected BR/AFTR authoritative.
    const facts = this.facts ?? (await this.detect({ wan: request.wan }));
    const provisioning = request.askProvisioning !== false && facts.wan ? await this.provision(given(request.wan) ?? facts.wan, facts) : undefined;
    return diagnoseHost(this.target, { notice: contractNotice(request), ...(prefix ? { prefix } : {}), ...(onProgress ? { onProgress } : {}), ...(provisioning ? { provisioning } : {}) });
  }

  /** The plan for the request and the last detection; kept for apply and export. */
  async makePlan(request: LinuxCePlanRequest): Promise<PlannedCe> {
    const facts = this.facts;
    if (!facts) throw new Error('detect the host before planning');
    const replace = await this.tunnelsToReplace(facts, request.replaceExisting ?? []);
    const input = planInputOf(request, facts, replace);
    if (request.askProvisioning !== false) input.provisioning = await this.provision(input.wan, facts);
    const aftr = this.aftrName(input);
    if (aftr) {
      const seen = await this.resolveOnHost(input.wan, aftr, facts);
      if (seen) input.aftrSeen = { name: aftr, ...seen };
    }
    const plan = buildPlan(input);
    this.planned = plan;
    this.updatePassword = undefined;
    if (request.updatePassword) this.setUpdatePassword(request.updatePassword);
    return { plan, blockers: applyBlockers(facts, given(request.prefix) !== undefined), needsUpdatePassword: await this.needsUpdatePassword() };
  }

  /** The provider's own provisioning (HB46PP), asked from the host over the line; the token of the last answer is sent back. */
  async provision(wan: string, facts: HostFacts): Promise<ProvisioningRecord> {
    const token = (await readState(this.target).catch(() => null))?.provisioning?.answer?.token ?? null;
    const io = shellProvisioningIo((c, o) => this.target.run(c, o), wan, facts.lineDns);
    this.provisioned = await lookupProvisioning(io, { wan, extras: { token } });
    return this.provisioned;
  }

  /** The last HB46PP look-up of this session. */
  get provisioning(): ProvisioningRecord | null {
    return this.provisioned;
  }

  /** DS-Lite: the AFTR's name the plan will resolve (the provider's, else the catalog's); null when an address is given. */
  private aftrName(input: PlanInput): string | null {
    const service = serviceById(input.service);
    if (service.encapsulation.value !== 'ds-lite' || input.br) return null;
    const fromProvider = input.provisioning?.answer ? provisionedFor(input.provisioning.answer, 'ds-lite', null) : null;
    if (fromProvider?.method === 'dslite') return fromProvider.aftr.includes(':') ? null : fromProvider.aftr;
    return service.endpoints.value.find((e) => e.name)?.name ?? null;
  }

  /**
   * A name's AAAA over the line's DNS the host learned, asked on the host with the same function the script uses.
   * (NTT NGN's well-known servers are left to the script: from anywhere but the NGN they only time out.)
   */
  private async resolveOnHost(wan: string, name: string, facts: HostFacts): Promise<{ address: string; server: string } | null> {
    const known = facts.lineDns.join(' ');
    const r = await this.target.run([...LINE_DNS_FUNCTIONS, ...RESOLVE_AAAA_FUNCTION, `LINE_DNS_KNOWN=${shq(known)}; resolve_aaaa ${shq(wan)} ${shq(name)} 2>/dev/null`].join('\n'), { timeoutMs: 60_000 });
    const [address, server] = r.output.trim().split('\n').pop()?.split(/\s+/) ?? [];
    return r.exitCode === 0 && address?.includes(':') && server ? { address, server } : null;
  }

  /** Fixed IP: the update password is still missing (none given, none stored on the host). */
  async needsUpdatePassword(): Promise<boolean> {
    if (!this.planned || !notifies(this.planned) || this.updatePassword) return false;
    return (await this.target.runRoot(`[ -s ${UPDATE_PASS_FILE} ]`)).exitCode !== 0;
  }

  /** A password asked for after planning (the CLI's prompt). */
  setUpdatePassword(password: string): void {
    this.updatePassword = password;
    this.secrets = [...new Set([...this.secrets, password])];
  }

  async apply(): Promise<ApplyOutcome> {
    if (!this.planned) throw new Error('there is no plan to apply');
    const r = await applyPlan(this.target, this.planned, { updatePassword: this.updatePassword });
    return { ...r, output: this.mask(r.output) };
  }

  /** The checks to run: those of this session's plan, else those of what was applied (the state file). */
  async currentChecks(): Promise<VerifyCheck[] | null> {
    return this.planned?.verify ?? (await readState(this.target))?.verify ?? null;
  }

  async verify(checks: readonly VerifyCheck[]): Promise<VerifyResult[]> {
    const results = await runVerify(this.target, checks);
    return results.map((r) => ({ ...r, output: this.mask(r.output) }));
  }

  /** What is applied and the prefix it follows (current, previous, the last re-plan); null: nothing is applied. */
  async status(): Promise<{ applied: LinuxCeAppliedView; prefix: PrefixStatus; watching: boolean } | null> {
    const state = await readState(this.target);
    const applied = await this.applied();
    if (!state || !applied) return null;
    return { applied, prefix: await readPrefixStatus(this.target, state), watching: state.persisted && state.replan !== undefined };
  }

  /** null: nothing is applied, so there is nothing to keep across reboots. */
  async persist(): Promise<PersistOutcome | null> {
    const state = await readState(this.target);
    if (!state) return null;
    const r = await persist(this.target, state);
    return { ...r, output: this.mask(r.output) };
  }

  async unpersist(): Promise<{ ok: boolean; output: string }> {
    const r = await unpersist(this.target);
    return { ...r, output: this.mask(r.output) };
  }

  /** null: IPoE Doctor has applied nothing on this host. */
  async rollback(): Promise<RollbackOutcome | null> {
    const r = await rollback(this.target);
    return r ? { ...r, output: this.mask(r.output) } : null;
  }

  close(): Promise<void> {
    return this.target.close();
  }

  mask(text: string): string {
    return new Redactor(this.secrets).redact(text).text;
  }

  /**
   * The user's own tunnels to take over, as they are now, or as they were when an earlier apply took them over
   * (they are gone then, and what rollback must re-create is what they were).
   */
  private async tunnelsToReplace(facts: HostFacts, names: readonly string[]): Promise<ExistingTunnel[]> {
    const out: ExistingTunnel[] = [];
    const state = names.length ? await readState(this.target) : null;
    for (const n of names) {
      if (n === TUNNEL) throw new PlanError(ceText('PLAN_REPLACE_OWN_TUNNEL', { tunnel: TUNNEL }));
      const earlier = state?.replaced?.find((t) => t.name === n);
      out.push(earlier ?? (await readExistingTunnel(this.target, facts.iproute2 ?? 'ip', n)));
    }
    return out;
  }
}

function notifies(plan: DatapathPlan): boolean {
  return plan.steps.some((s) => s.id === 'update-notify');
}

/** The MAP-E service whose rule table covers the detected prefix (null: none, or not MAP-E). */
export function suggestedService(facts: HostFacts): ServiceId | null {
  if (!facts.prefix) return null;
  try {
    return serviceForPrefix(facts.prefix.prefix)?.id ?? null;
  } catch {
    return null;
  }
}

/**
 * What kind of failure an error of Linux CE mode is: `input` the person can correct (a flag, a form field), `host`
 * the host or the connection to it refused. null: not one of Linux CE mode's own.
 */
export function linuxCeFailure(err: unknown): 'input' | 'host' | null {
  if (err instanceof PlanError || err instanceof CalcInputError || err instanceof ExistingTunnelError) return 'input';
  if (err instanceof TargetError || err instanceof TransportError || err instanceof DatapathError || err instanceof ShellSessionError) return 'host';
  return null;
}

/** An error's text as a catalog code, for a UI in any language (null: the error has only an English message). */
export function linuxCeErrorText(err: unknown): Message | null {
  if (err instanceof MessageError) return err.detail;
  if (err instanceof CalcInputError) return err.detail;
  return null;
}

/**
 * Writes an apply script to `file` and its rollback script beside it (`x.sh` → `x.rollback.sh`). A private
 * script (one that may hold the update password: the CLI's --show-secrets) is readable by its owner only.
 */
export async function writePlanScripts(
  scripts: { script: string; rollbackScript: string },
  file: string,
  opts: { private?: boolean } = {},
): Promise<{ script: string; rollbackScript: string }> {
  const rollbackFile = file.replace(/(\.sh)?$/, '.rollback.sh');
  // chmod as well: writeFile's mode applies only to a new file, and a file holding the password must be 600.
  if (opts.private) await writeFile(file, '', { mode: 0o600 }).then(() => chmod(file, 0o600));
  await writeFile(file, scripts.script, { mode: opts.private ? 0o600 : 0o755 });
  await writeFile(rollbackFile, scripts.rollbackScript, { mode: 0o755 });
  return { script: file, rollbackScript: rollbackFile };
}
