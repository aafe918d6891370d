/**
 * The set-up path's data (not its states: those are in router.ts): which services to offer from a diagnosis with
 * IPV4_TUNNEL_MISSING, which contract notice fields a service needs, and the notice as the view may show it.
 */
import { FIXED_BR_FALLBACK } from '../diagnosis/data/expectations.js';
import type { ContractNotice } from '../diagnosis/input.js';
import { compactNotice } from '../diagnosis/notice.js';
import type { DiagnosisView, SetupCandidateView, SetupNoticeView, SetupPlanView, SetupView } from '../ipc/views.js';
import { noticeFieldsNeeded, type NoticeField } from '../rtx/setup/plan.js';
import { SERVICE_IDS, serviceById, type ServiceId } from '../services/index.js';

export const SETUP_CODE = 'IPV4_TUNNEL_MISSING';

/** The finding the set-up path starts from, when the diagnosis has one. */
export function setupFinding(diagnosis: DiagnosisView | null) {
  return diagnosis?.findings.find((f) => f.code === SETUP_CODE) ?? null;
}

const isServiceId = (v: unknown): v is ServiceId => typeof v === 'string' && (SERVICE_IDS as readonly string[]).includes(v);

/** The services to offer, best first, each with why: the evidence's own, those sharing its address space, the AFTRs the router resolves. */
export function setupCandidates(diagnosis: DiagnosisView | null): { candidates: SetupCandidateView[]; proposed: ServiceId | null; dnsServers: string[] } {
  const data = setupFinding(diagnosis)?.data ?? {};
  const out: SetupCandidateView[] = [];
  const add = (c: SetupCandidateView) => {
    if (!out.some((x) => x.service === c.service)) out.push(c);
  };
  const proposed = isServiceId(data.service) ? data.service : null;
  const basis = data.basis;
  const resolved = typeof data.resolvedAftr === 'string' ? data.resolvedAftr.split(',') : [];
  const aftrEvidence = (service: ServiceId): string | null => {
    const names = serviceById(service).endpoints.value.flatMap((e) => (e.name ? [e.name] : []));
    const hit = resolved.find((r) => names.includes(r.split('=')[0]!));
    return hit ? hit.replace('=', ' → ') : null;
  };
  if (proposed) {
    const b = basis === 'notice' || basis === 'config' || basis === 'prefix' || basis === 'aftr' ? basis : 'prefix';
    add({ service: proposed, basis: b, evidence: b === 'aftr' ? aftrEvidence(proposed) : b === 'prefix' ? (diagnosis?.service?.prefix ?? null) : null });
    for (const other of serviceById(proposed).samePrefixesAs) add({ service: other, basis: 'same-prefix', evidence: diagnosis?.service?.prefix ?? null });
  }
  for (const r of resolved) {
    const name = r.split('=')[0];
    const s = SERVICE_IDS.find((id) => serviceById(id).endpoints.value.some((e) => e.name === name));
    if (s) add({ service: s, basis: 'aftr', evidence: r.replace('=', ' → ') });
  }
  const dnsServers = typeof data.dnsServers === 'string' ? data.dnsServers.split(',') : [];
  return { candidates: out, proposed, dnsServers };
}

/** The notice fields the form shows for a service (none: the service needs no notice). */
export function noticeFieldsFor(service: ServiceId): NoticeField[] {
  const s = serviceById(service);
  return noticeFieldsNeeded(s, FIXED_BR_FALLBACK[service]?.address ?? null);
}

/** The set-up view when the path starts. */
export function startSetup(diagnosis: DiagnosisView | null): SetupView {
  return { ...setupCandidates(diagnosis), service: null, noticeFields: [], notice: null, plan: null };
}

/** The notice kept for the set-up (blank fields dropped) and what the view may show of it. */
export function keepNotice(notice: ContractNotice): { notice: ContractNotice; view: SetupNoticeView } {
  const n = compactNotice(notice);
  return {
    notice: n,
    view: {
      ...(n.fixedIpv4 ? { fixedIpv4: n.fixedIpv4 } : {}),
      ...(n.interfaceId ? { interfaceId: n.interfaceId } : {}),
      ...(n.br ? { br: n.br } : {}),
      updateUserGiven: Boolean(n.updateUser),
      updatePasswordGiven: Boolean(n.updatePassword),
    },
  };
}

/** The plan as the preview shows it, from the diagnosis made with the chosen service and notice. */
export function setupPlanView(service: ServiceId, diagnosis: DiagnosisView): SetupPlanView {
  const f = setupFinding(diagnosis);
  const d = f?.data ?? {};
  return {
    service,
    ok: f?.fix !== undefined,
    commands: f?.fix?.commands ?? [],
    inverse: f?.fix?.inverse ?? [],
    check: f?.fix?.check ?? null,
    summary: f?.fix?.summary ?? null,
    explanation: f?.explanation ?? null,
    pppoeRoute: typeof d.pppoeDefaultRoute === 'string' ? d.pppoeDefaultRoute : null,
    // No finding at all: the router has a tunnel after all (diagnose again from the findings).
    refused: f ? (typeof d.refused === 'string' ? d.refused : null) : 'no-finding',
    missing: typeof d.missingNotice === 'string' ? d.missingNotice.split(',') : [],
  };
}
