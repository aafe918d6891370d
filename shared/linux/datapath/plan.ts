/**
 * The datapath plan: pure, from the service, the line's prefix and what detection found (or the user typed).
 * MAP-E parameters come from the calculator, fixed IP from the user's notice, DS-Lite from the AFTR. The result
 * holds the steps and the exact scripts the user sees before anything runs.
 */
import { Address6 } from 'ip-address';
import { renderMessage, say, type Message, type MessageParam } from '../../i18n/message.js';
import { CalcInputError, calculateMapE, fixedIpCeAddress, type CalcWarning, type MapEResult } from '../../mape/index.js';
import { formatIpv6, parseIpv6Input, prefixMask } from '../../mape/ipv6-input.js';
import type { LinuxCePlanSummary } from '../../ipc/views.js';
import { SERVICE_IDS, serviceById, type ServiceId, type ServiceRecord } from '../../services/index.js';
import { PlanError } from './errors.js';
import { replaceExistingStep, type ExistingTunnel } from './existing-tunnel.js';
import { DSLITE_B4_IPV4, DSLITE_B4_PREFIX, NFT_FAMILY_TABLE, NFT_FILE, TUNNEL } from './names.js';
import { dsliteRuleset, fixedIpRuleset, mapeRuleset } from './nft-ruleset.js';
import { renderApplyScript, renderRollbackScript } from './script.js';
import { isInterfaceName } from './sh.js';
import type { PlanStep } from './step.js';
import { ceText } from './text.js';
import {
  TUNNEL_IS_FUNCTION,
  brRouteStep,
  ceAddressStep,
  defaultRouteStep,
  nftStep,
  sysctlStep,
  tunnelIpv4Step,
  tunnelStep,
} from './steps.js';
import { UPDATE_FUNCTIONS, updateNotifyStep, updateRequestOf } from './update-notify.js';
import { AFTR_VAR, aftrResolveStep, aftrRollbackLines, aftrSource, fallbackAddress, type AftrByName } from './aftr.js';
import { LINE_DNS_FUNCTIONS, RESOLVE_AAAA_FUNCTION, type NgnRegion } from './line-dns.js';
import { provisionedFor, provisionedRules, provisioningSays, type ProvisioningRecord } from '../../provisioning/index.js';
import { mapeRules } from '../../mape/index.js';
import { mapeNftTemplate, replanSpecRules, type ReplanSpec } from './replan.js';
import { DEFAULT_VERIFY_TARGET, verifyChecks, type VerifyCheck, type VerifyTarget } from './verify.js';

export { PlanError, SERVICE_IDS };

export function isServiceId(id: string): id is ServiceId {
  return (SERVICE_IDS as readonly string[]).includes(id);
}

export interface PlanInput {
  service: ServiceId;
  /** The line's prefix, or any address inside it (a /64 from RA is enough: MAP-E EA bits end at bit 56). */
  prefix: string;
  /** The NGN-facing interface. */
  wan: string;
  /** The upstream router on the WAN (the IPv6 default route's gateway, usually link-local). */
  gateway: string;
  /** BR (fixed IP: from the notice) or AFTR address; overrides the catalog. */
  br?: string;
  /** Fixed IP, from the registration notice. */
  fixedIpv4?: string;
  fixedIid?: string;
  updateUser?: string;
  /** DS-Lite: the B4's own address on the WAN; without it `<prefix>/64 ::b4` is added. */
  localAddress?: string;
  replaceExisting?: ExistingTunnel[];
  verify?: VerifyTarget;
  /** The provider's own provisioning (HB46PP) as looked up from the CE: authoritative when it has an answer. */
  provisioning?: ProvisioningRecord;
  /** The line's DNS servers the host learned (RA RDNSS / DHCPv6): the script asks them too. */
  lineDns?: string[];
  /** DS-Lite: the AFTR's address as the line's DNS gave it when planning (on the CE). */
  aftrSeen?: { name: string; address: string; server: string };
  /** NTT East or West, and what says so (a line DNS server or search domain of that NGN). */
  region?: { region: NgnRegion; evidence: MessageParam };
}

/** The summary the UI shows is the plan's own (one definition, in the contract). */
export type PlanSummary = LinuxCePlanSummary;

export interface DatapathPlan {
  summary: PlanSummary;
  steps: PlanStep[];
  /** The exact apply script (idempotent; the nft table inline). */
  script: string;
  rollbackScript: string;
  /** The nft table as a file (persisted to /etc/ipoe-doctor/ipoe-doctor.nft). */
  nftRuleset: string;
  /** The boot-time script: the same steps, loading the nft file. */
  upScript: string;
  verify: VerifyCheck[];
  warnings: Message[];
  mape: MapEResult | null;
  /** Tunnels taken over (--replace-existing), as they were: kept in the state so a second apply still knows them. */
  replaced: ExistingTunnel[];
  /** Where the BR/AFTR, the MAP rule and the region came from: the provider's answer, the line's DNS, the catalog. */
  sources: Message[];
  /** The HB46PP look-up the plan was made with (kept in the state: its token goes back next time). */
  provisioning: ProvisioningRecord | null;
  /** What the persisted CE's watcher needs to follow a prefix change (replan.ts), and the MAP-E nft template. */
  replan: ReplanSpec;
  replanNft: string | null;
}

interface Resolved {
  summary: PlanSummary;
  ruleset: string;
  /** null: the CE address is already on the WAN (DS-Lite using the WAN's own address). */
  addCe: boolean;
  update: PlanStep | null;
  warnings: Message[];
  mape: MapEResult | null;
  sources: Message[];
  /** DS-Lite by name: resolved at run time. */
  aftr: AftrByName | null;
}

export function buildPlan(input: PlanInput): DatapathPlan {
  if (!isInterfaceName(input.wan)) throw new PlanError(ceText('INTERFACE_NAME_INVALID', { name: input.wan }));
  if (input.wan === TUNNEL) throw new PlanError(ceText('PLAN_WAN_IS_TUNNEL', { tunnel: TUNNEL }));
  const gateway = gatewayAddress(input.gateway);
  const service = serviceById(input.service);
  const r = resolve(service, input, gateway);
  const stepsFor = (nft: { kind: 'inline' } | { kind: 'file'; path: string }): PlanStep[] => buildSteps(input, r, nft);
  const steps = stepsFor({ kind: 'inline' });
  const header = headerLines(r.summary, r.aftr);
  const functions = [...TUNNEL_IS_FUNCTION, ...(r.update ? UPDATE_FUNCTIONS : []), ...(r.aftr ? [...LINE_DNS_FUNCTIONS, ...RESOLVE_AAAA_FUNCTION] : [])];
  return {
    summary: r.summary,
    steps,
    script: renderApplyScript(steps, { header, functions }),
    rollbackScript: renderRollbackScript(steps, { header, functions: r.aftr ? aftrRollbackLines(r.aftr) : [] }),
    nftRuleset: r.ruleset,
    upScript: renderApplyScript(stepsFor({ kind: 'file', path: NFT_FILE }), { header: [...header, 'Boot-time copy, run by ipoe-doctor-ce.service.'], functions }),
    verify: verifyChecks(input.verify ?? DEFAULT_VERIFY_TARGET),
    warnings: r.warnings,
    mape: r.mape,
    replaced: input.replaceExisting ?? [],
    sources: r.sources,
    provisioning: input.provisioning ?? null,
    replan: replanSpec(input, service, r),
    replanNft: r.mape ? mapeNftTemplate(r.ruleset, r.mape) : null,
  };
}

function replanSpec(input: PlanInput, service: ServiceRecord, r: Resolved): ReplanSpec {
  const s = r.summary;
  const answer = input.provisioning?.answer;
  // The rules a new prefix may fall under: the provider's own when its answer gave the plan's, else the table's.
  const rules = r.mape ? (r.mape.providerId === 'custom' && answer ? provisionedRules(answer) : mapeRules().filter((x) => x.providerId === r.mape!.providerId)) : [];
  const update = service.update?.value;
  return {
    encapsulation: s.encapsulation,
    wan: s.wan,
    gateway: s.gateway,
    br: r.aftr ? AFTR_VAR : s.br,
    prefix: input.prefix,
    ce: s.ce,
    ipv4: s.ipv4,
    addCe: r.addCe,
    mape: r.mape ? { rules: replanSpecRules(rules), ifaceId: r.mape.interfaceIdForm, provider: r.mape.provider } : null,
    update: update && input.updateUser && s.encapsulation === 'ipip' ? { request: updateRequestOf(update), user: input.updateUser } : null,
  };
}

function buildSteps(input: PlanInput, r: Resolved, nft: { kind: 'inline' } | { kind: 'file'; path: string }): PlanStep[] {
  const s = r.summary;
  const ipv4Len = s.encapsulation === 'ds-lite' ? DSLITE_B4_PREFIX : 32;
  const natWhat =
    s.encapsulation === 'map-e'
      ? ceText('STEP_NFT_MAPE', { table: NFT_FAMILY_TABLE, blocks: s.portRanges?.length ?? 0 })
      : ceText(s.encapsulation === 'ipip' ? 'STEP_NFT_FIXED_IP' : 'STEP_NFT_DSLITE', { table: NFT_FAMILY_TABLE, ipv4: s.ipv4 });
  // DS-Lite by name: the AFTR is a shell variable the first step sets, shown to people by its name.
  const remote = r.aftr ? AFTR_VAR : s.br;
  const shown = r.aftr ? r.aftr.name : s.br;
  return [
    ...(r.aftr ? [aftrResolveStep(r.aftr, s.wan, s.gateway)] : []),
    ...(input.replaceExisting ?? []).map(replaceExistingStep),
    sysctlStep('net.ipv4.ip_forward', '1', ceText('WHY_IP_FORWARD')),
    sysctlStep('net.ipv4.conf.all.rp_filter', '2', ceText('WHY_RP_FILTER_LOOSE')),
    ...(r.addCe ? [ceAddressStep(s.ce, s.wan)] : []),
    brRouteStep(remote, s.gateway, s.wan, shown),
    tunnelStep({ remote, remoteShown: shown, local: s.ce, wan: s.wan, mtu: s.mtu }),
    tunnelIpv4Step(s.ipv4, ipv4Len),
    defaultRouteStep(),
    nftStep(r.ruleset, nft, natWhat),
    ...(r.update ? [r.update] : []),
  ];
}

function resolve(service: ServiceRecord, input: PlanInput, gateway: string): Resolved {
  const encapsulation = service.encapsulation.value;
  const base = { service: service.id, serviceName: service.name, encapsulation, wan: input.wan, gateway, tunnel: TUNNEL, mtu: service.mtu.value };
  const warnings: Message[] = [];
  const record = input.provisioning ?? null;
  const provided = record?.answer ? provisionedFor(record.answer, encapsulation, input.prefix) : null;
  const sources: Message[] = record ? [provisioningSays(record, encapsulation, input.prefix)] : [];
  if (encapsulation === 'map-e') {
    // The provider's own rule and BR, when its answer has a rule for this prefix; else the built-in table.
    const fromProvider = provided?.method === 'map_e' ? provided.mapE : null;
    const mape = fromProvider ?? calculateMapE(input.prefix);
    if (!fromProvider && mape.providerId !== service.mapE?.value.ruleProviderId) {
      const provider = say(mape.providerId === 'custom' ? 'calc.customRule' : `services.${mape.providerId}`);
      throw new PlanError(ceText('PLAN_PREFIX_OF_OTHER_SERVICE', { prefix: input.prefix, provider, service: serviceName(service) }));
    }
    warnings.push(...mape.warnings.map(calcWarning));
    const br = input.br ? ipv6Address(input.br, 'BR') : mape.br;
    if (!br) throw new PlanError(ceText('PLAN_NO_BR_FOR_RULE', { rule: mape.rule.ipv6Prefix }));
    if (input.br && mape.br && br !== mape.br) warnings.push(ceText('WARN_BR_DIFFERS', { br, table: mape.br }));
    return {
      summary: { ...base, br, ce: mape.ceAddress, ipv4: mape.ipv4, portRanges: mape.portRanges.map(([a, b]) => [a, b]), ports: mape.ports },
      ruleset: mapeRuleset(mape),
      addCe: true,
      update: null,
      warnings,
      mape,
      sources,
      aftr: null,
    };
  }
  if (encapsulation === 'ipip') {
    if (!input.fixedIpv4 || !input.fixedIid) throw new PlanError(ceText('PLAN_FIXED_IP_NEEDS_NOTICE', { service: serviceName(service) }));
    const fixed = fixedIpCeAddress(input.prefix, input.fixedIid, input.fixedIpv4);
    warnings.push(...fixed.warnings.map(calcWarning));
    const fromProvider = provided?.method === 'ipip' ? provided.tunnel.ipv6Remote : null;
    const br = input.br ? ipv6Address(input.br, 'BR') : (fromProvider ?? endpointAddress(service));
    if (!input.br && !fromProvider) warnings.push(ceText('WARN_BR_FROM_CATALOG', { br, confidence: ceText(`CONFIDENCE_${service.endpoints.confidence.toUpperCase().replace('-', '_')}`) }));
    const update = service.update?.value;
    if (!update) throw new PlanError(ceText('PLAN_NO_UPDATE_SERVER', { service: serviceName(service) }));
    if (!input.updateUser) throw new PlanError(ceText('PLAN_FIXED_IP_NEEDS_USER', { service: serviceName(service) }));
    return {
      summary: { ...base, br, ce: fixed.ceAddress, ipv4: fixed.fixedIpv4!, portRanges: null, ports: null },
      ruleset: fixedIpRuleset(fixed.fixedIpv4!),
      addCe: true,
      update: updateNotifyStep(updateRequestOf(update), input.updateUser, fixed.ceAddress),
      warnings,
      mape: null,
      sources,
      aftr: null,
    };
  }
  // DS-Lite: the AFTR translates; the B4 sources from its own WAN address. An address given (or the provider's
  // answer as an address) is used as it is; a name is resolved over the line's DNS each time the script runs.
  const prefix = parseIpv6Input(input.prefix, 'prefix');
  const local = input.localAddress ? ipv6Address(input.localAddress, 'WAN_ADDRESS') : formatIpv6((prefix.value & prefixMask(64)) | 0xb4n);
  const fromProvider = provided?.method === 'dslite' ? provided.aftr : null;
  const named = input.br ? null : fromProvider && !fromProvider.includes(':') ? fromProvider : fromProvider ? null : catalogAftrName(service);
  let br: string;
  let aftr: AftrByName | null = null;
  if (input.br) {
    br = ipv6Address(input.br, 'BR');
    sources.push(ceText('AFTR_SOURCE_GIVEN', { address: br }));
  } else if (!named) {
    br = fromProvider ?? endpointAddress(service);
    if (!fromProvider) sources.push(ceText('AFTR_SOURCE_CATALOG', { address: br }));
  } else {
    const region = input.region?.region ?? 'east';
    aftr = { name: named, fallback: catalogAftrFallback(service), region, lineDns: input.lineDns ?? [], };
    const seen = input.aftrSeen && input.aftrSeen.name === named ? input.aftrSeen : null;
    br = seen?.address ?? fallbackAddress(aftr) ?? named;
    const regionSaid = input.region
      ? ceText('REGION_FROM', { region: ceText(`REGION_${region.toUpperCase()}`), evidence: input.region.evidence })
      : ceText('REGION_UNKNOWN');
    sources.push(...aftrSource(aftr, seen, regionSaid));
  }
  return {
    summary: { ...base, br, ce: local, ipv4: DSLITE_B4_IPV4, portRanges: null, ports: null },
    ruleset: dsliteRuleset(DSLITE_B4_IPV4),
    addCe: !input.localAddress,
    update: null,
    warnings,
    mape: null,
    sources,
    aftr,
  };
}

/** The AFTR's name in the catalog (gw.transix.jp, dgw.xpass.jp, dslite.v6connect.net). */
function catalogAftrName(service: ServiceRecord): string | null {
  return service.endpoints.value.find((e) => e.name)?.name ?? null;
}

/** The catalog's AFTR addresses, by region where it gives one (transix), else one for any region (Xpass). */
function catalogAftrFallback(service: ServiceRecord): AftrByName['fallback'] {
  const out: AftrByName['fallback'] = {};
  for (const e of service.endpoints.value) {
    if (!e.address) continue;
    const k = e.region ?? 'any';
    out[k] ??= e.address;
  }
  return out;
}

function endpointAddress(service: ServiceRecord): string {
  const e = service.endpoints.value.find((x) => x.address);
  if (!e?.address) {
    const name = service.endpoints.value.find((x) => x.name)?.name;
    const s = serviceName(service);
    throw new PlanError(name ? ceText('PLAN_NO_ENDPOINT_NAMED', { service: s, name }) : ceText('PLAN_NO_ENDPOINT', { service: s }));
  }
  return e.address;
}

/** An address field of the plan: its name in the texts (FIELD_*). */
type AddressField = 'GATEWAY' | 'BR' | 'WAN_ADDRESS';

function ipv6Address(text: string, field: AddressField, allowLinkLocal = false): string {
  const t = text.trim().replace(/%.*$/, '');
  if (allowLinkLocal && /^fe80:/i.test(t)) return t.toLowerCase();
  const what = ceText(`FIELD_${field}`);
  try {
    const a = parseIpv6Input(t, renderMessage('en', what, 'cli'));
    if (a.length !== 128) throw new PlanError(ceText('PLAN_ADDRESS_IS_PREFIX', { field: what, prefix: t }));
    return formatIpv6(a.value);
  } catch (err) {
    // The calculator's own sentence is the English detail; other languages say it from its code.
    if (err instanceof CalcInputError) throw new PlanError(ceText('PLAN_ADDRESS_INVALID', { field: what, detail: err.detail }));
    throw err;
  }
}

/**
 * The upstream router: any unicast IPv6 address the host routes through (link-local as RA gives it, a ULA such as
 * fd00::1 on a lab or a home gateway, or a global one). Not a prefix, not multicast, not `::`.
 */
function gatewayAddress(text: string): string {
  const t = text.trim().replace(/%.*$/, '');
  if (/^fe80:/i.test(t)) return t.toLowerCase();
  const field = ceText('FIELD_GATEWAY');
  let a: Address6;
  try {
    a = new Address6(t);
  } catch {
    // Text that is no IPv6 address at all gets the address parser's own words, as before.
    return ipv6Address(text, 'GATEWAY', true);
  }
  if (a.subnetMask !== 128) throw new PlanError(ceText('PLAN_ADDRESS_IS_PREFIX', { field, prefix: t }));
  if (a.isMulticast() || a.bigInt() === 0n) throw new PlanError(ceText('PLAN_GATEWAY_INVALID', { field, value: t }));
  return a.correctForm();
}

/** A service's name in each language (`services.*` in the catalogs). */
function serviceName(service: ServiceRecord): Message {
  return say(`services.${service.id}`);
}

/** The calculator's warning: its English sentence as it is, its code for other languages. */
function calcWarning(w: CalcWarning): Message {
  return w.detail;
}

function headerLines(s: PlanSummary, aftr: AftrByName | null): string[] {
  const to = aftr ? `the AFTR ${aftr.name} (resolved over the line's DNS each time this runs; fallback ${fallbackAddress(aftr) ?? 'none'})` : s.br;
  return [
    `IPoE Doctor: Linux CE datapath for ${s.serviceName} (${s.encapsulation}).`,
    `WAN ${s.wan} (upstream router ${s.gateway}); tunnel ${s.tunnel} to ${to}, local ${s.ce}, MTU ${s.mtu}.`,
    `IPv4 ${s.ipv4}${s.portRanges ? `, ${s.ports} ports in ${s.portRanges.length} blocks` : ''}.`,
    'Run as root. Made by `ipoe-doctor linux-ce plan`; review it before running.',
  ];
}
