/**
 * Which service the line runs and what it expects (BR/AFTR, CE address, port set), worked out from what
 * the router shows, without asking: the tunnel's encapsulation and endpoint, the NAT outer address, the
 * update script in the config, and the prefix the line delegated. The user's contract notice, when given,
 * is authoritative and wins over every inference.
 */
import { Address6 } from 'ip-address';
import type { DiagnosisContext } from './context.js';
import type { Evidence } from './types.js';
import { FIXED_BR_FALLBACK } from './data/expectations.js';
import { RTX_COMMANDS } from './rtx-facts.js';
import { levenshtein, normalizeIpv6, TYPO_DISTANCE } from './rules/common.js';
import { calculateMapE, CalcInputError, fixedIpCeAddress, type MapEResult } from '../mape/index.js';
import { parseIpv6Input } from '../mape/ipv6-input.js';
import { SERVICES, serviceById, serviceForPrefix, type Encapsulation, type ServiceId, type ServiceRecord } from '../services/index.js';
import type { RtxConfig, TunnelConfig } from '../rtx/config/types.js';

export type PrefixSource = 'dhcp6' | 'ipv6-address' | 'ipv6-route' | 'log';

/** The line's global IPv6 prefix (or an address inside it) as the router showed it. */
export interface ObservedPrefix {
  /** As printed, e.g. `240b:11:b901:1800::/56` or `240b:11:b901:1800::1/64`. */
  value: string;
  source: PrefixSource;
  evidence: Evidence;
}

export interface ExpectedEndpoint {
  /** The BR/AFTR address, when one is expected. */
  address: string | null;
  /** DS-Lite: the AFTR name (`gw.transix.jp`). */
  name: string | null;
  /** Other addresses that are also right (BIGLOBE east/west is decided by the rule; DS-Lite regions). */
  alternatives: string[];
  source: 'notice' | 'rule' | 'catalog';
  /** Only an obvious slip next to `address` may be called wrong (see data/expectations.ts). */
  obviousOnly: boolean;
  /** The same VNE's dynamic MAP-E BR, the known wrong value for fixed IP. */
  mapeBr: string | null;
}

export interface ServiceContext {
  id: ServiceId | null;
  record: ServiceRecord | null;
  encapsulation: Encapsulation | null;
  /** Why we think so, in order (for the report): `tunnel 1: tunnel map-e type v6plus (show config line 12)`. */
  reasons: string[];
  /** The RTX tunnel carrying IPv4 (the default route's, else the first MAP-E/IPIP tunnel). */
  tunnel: TunnelConfig | null;
  /** The interface facing the NGN (`lan2`). */
  wanInterface: string | null;
  prefix: ObservedPrefix | null;
  /** The MAP-E service whose rule covers the prefix (v6plus also carries v6plus fixed IP). */
  prefixService: ServiceRecord | null;
  mape: MapEResult | null;
  /** Why MAP-E parameters could not be computed (`unknown-prefix`, …), when the service is MAP-E. */
  mapeError: CalcInputError | null;
  /** The BR/AFTR to aim at and to ping6: the expected address, else the AFTR name; null when unknown. */
  expectedBr: string | null;
  /** What is known about the expected BR/AFTR: where it came from, acceptable alternatives, how firmly. */
  endpoint: ExpectedEndpoint | null;
  /** The CE (tunnel local) address the service expects. */
  expectedCe: { address: string; source: 'rule' | 'notice' | 'config' } | null;
  /** Fixed IP: the interface ID, from the notice or the LAN address in the config. */
  interfaceId: { value: string; source: 'notice' | 'config'; lines: number[] } | null;
  /** Fixed IP: the contracted IPv4 address, from the notice or the NAT outer address in the config. */
  fixedIpv4: { value: string; source: 'notice' | 'config'; lines: number[] } | null;
  /** Fixed IP (RTX): the LAN interface whose address is the CE (prefix + interface ID), and its line. */
  ceInterface: { name: string; value: string; lines: number[] } | null;
}

export interface ServiceSummary {
  id: ServiceId | null;
  provider: string | null;
  prefix: string | null;
  ceAddress: string | null;
  br: string | null;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** A parseable global IPv6 prefix/address, or null (placeholders like `(IPv6アドレス)/56`, link-local, ULA). */
function globalIpv6(text: string): string | null {
  try {
    parseIpv6Input(text);
    return text.trim();
  } catch {
    return null;
  }
}

/** The tunnel that carries IPv4: the default route's, else the lowest-numbered MAP-E/IPIP tunnel. */
export function ipv4Tunnel(cfg: RtxConfig): TunnelConfig | null {
  const def = cfg.routes.find((r) => r.family === 'ipv4' && r.destination === 'default' && r.gateway.kind === 'tunnel');
  const viaDefault = def ? cfg.tunnels[Number(def.gateway.value)] : undefined;
  const carries = (t: TunnelConfig | undefined): boolean => t?.encapsulation?.value === 'map-e' || t?.encapsulation?.value === 'ipip';
  if (viaDefault && carries(viaDefault)) return viaDefault;
  const all = Object.values(cfg.tunnels).sort((a, b) => a.id - b.id);
  return all.find(carries) ?? null;
}

/** The NGN-facing interface: where prefixes are learned from, else the DHCPv6 client, else `ngn type`. */
export function wanInterfaceOf(cfg: RtxConfig): string | null {
  const fromPrefix = cfg.ipv6Prefixes.find((p) => p.fromInterface)?.fromInterface;
  if (fromPrefix) return fromPrefix;
  const client = Object.values(cfg.interfaces).find((i) => i.dhcp6Service?.role === 'client');
  if (client) return client.name;
  return cfg.ngnTypes[0]?.interface ?? null;
}

/** The prefix, from the most direct source the user gave us. */
function observePrefix(ctx: DiagnosisContext): ObservedPrefix | null {
  const rtx = ctx.rtx;
  const dhcp = rtx.dhcp6;
  for (const i of dhcp?.interfaces ?? []) {
    if (i.role !== 'client' || !i.prefix) continue;
    const v = globalIpv6(i.prefix.value);
    if (v) return { value: v, source: 'dhcp6', evidence: ctx.evidence(RTX_COMMANDS.dhcp6, i.prefix.lines) };
    ctx.notes.push(`The prefix shown by "show status ipv6 dhcp" (${i.prefix.value}) is not a global IPv6 prefix, so it was not used.`);
  }
  for (const i of rtx.ipv6Address?.interfaces ?? []) {
    for (const a of i.addresses) {
      if (a.scope !== 'global' || !globalIpv6(a.address)) continue;
      const value = a.prefixLength !== null ? `${a.address}/${a.prefixLength}` : a.address;
      return { value, source: 'ipv6-address', evidence: ctx.evidence(RTX_COMMANDS.ipv6Address, a.lines) };
    }
  }
  for (const r of rtx.ipv6Route?.routes ?? []) {
    if (r.destination === 'default' || !r.destination.includes('/')) continue;
    const v = globalIpv6(r.destination);
    if (v) return { value: v, source: 'ipv6-route', evidence: ctx.evidence(RTX_COMMANDS.ipv6Route, r.lines) };
  }
  const events = rtx.log?.events ?? [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    // `ff02::/64 … by Static` is logged at every boot and is no lease; globalIpv6 refuses it.
    if (e?.kind !== 'ipv6-prefix' || e.action !== 'add') continue;
    const v = globalIpv6(e.prefix);
    if (v) return { value: v, source: 'log', evidence: ctx.evidence(ctx.rtx.cmd.log, e.lines) };
  }
  return null;
}

/** Every text of the config a script could live in: embedded files and lines the parser did not model. */
function configMentions(cfg: RtxConfig, host: string): boolean {
  const h = host.toLowerCase();
  return cfg.embeddedFiles.some((f) => f.body.toLowerCase().includes(h)) || cfg.unknown.some((u) => u.text.toLowerCase().includes(h));
}

/** `http://fcs.enabler.ne.jp/update?…` → `fcs.enabler.ne.jp`. */
export function updateHost(record: ServiceRecord): string | null {
  const url = record.update?.value.urlTemplate;
  const m = url ? /^[a-z]+:\/\/([^/?:]+)/i.exec(url) : null;
  return m?.[1]?.toLowerCase() ?? null;
}

/** A DS-Lite service whose AFTR name or address the tunnel uses (exactly or within a typo). */
function dsLiteByEndpoint(t: TunnelConfig): { id: ServiceId; exact: boolean } | null {
  const name = t.endpointName?.remote.toLowerCase();
  const address = normalizeIpv6(t.endpointAddress?.remote);
  let near: { id: ServiceId; exact: boolean } | null = null;
  for (const s of SERVICES) {
    if (s.encapsulation.value !== 'ds-lite') continue;
    for (const e of s.endpoints.value) {
      const candidates = [name && e.name ? [name, e.name.toLowerCase()] : null, address && e.address ? [address, normalizeIpv6(e.address) ?? ''] : null];
      for (const c of candidates) {
        if (!c) continue;
        const d = levenshtein(c[0] ?? '', c[1] ?? '');
        if (d === 0) return { id: s.id, exact: true };
        if (d <= TYPO_DISTANCE) near ??= { id: s.id, exact: false };
      }
    }
  }
  return near;
}

/** The fixed IPv4 of a tunnel's NAT: a literal outer address (not `map-e`, `primary`, `ipcp` …). */
function natOuterLiteral(cfg: RtxConfig, t: TunnelConfig): { value: string; lines: number[] } | null {
  for (const id of t.natDescriptors?.ids ?? []) {
    const outer = cfg.natDescriptors[id]?.outer;
    const first = outer?.value.split(/\s+/)[0];
    if (outer && first && IPV4.test(first)) return { value: first, lines: outer.lines };
  }
  return null;
}

/** `dhcp-prefix@lan2::1b:5936:1800:0/64` → the part after the interface (`::1b:5936:1800:0`), or null. */
export function prefixSuffix(value: string): string | null {
  const m = /^(?:ra|dhcp)-prefix@[a-z]+\d*(?:\/\d+)?(::?[^/\s]*)(?:\/\d{1,3})?$/i.exec(value.trim());
  return m?.[1] ?? null;
}

/** The 128-bit value of a suffix such as `::1b:5936:1800:0`, or null (placeholders). */
export function suffixValue(suffix: string): bigint | null {
  try {
    return new Address6(suffix.startsWith('::') ? suffix : `:${suffix}`).bigInt();
  } catch {
    return null;
  }
}

/** The LAN address that takes the line's prefix (RTX fixed IP: it is the CE), preferring lan1. */
function prefixedLanAddress(cfg: RtxConfig, wan: string | null): ServiceContext['ceInterface'] {
  const names = Object.keys(cfg.interfaces).sort((a, b) => (a === 'lan1' ? -1 : b === 'lan1' ? 1 : a.localeCompare(b)));
  for (const name of names) {
    if (name === wan) continue;
    for (const a of cfg.interfaces[name]?.ipv6Addresses ?? []) {
      if (prefixSuffix(a.value) !== null) return { name, value: a.value, lines: a.lines };
    }
  }
  return null;
}

function formatIid(value: bigint): string {
  return Address6.fromBigInt(value & ((1n << 64n) - 1n)).correctForm();
}

interface Clues {
  id: ServiceId | null;
  reasons: string[];
  tunnel: TunnelConfig | null;
  wan: string | null;
  prefix: ObservedPrefix | null;
  configIid: { value: string; lines: number[] } | null;
  configFixedIpv4: { value: string; lines: number[] } | null;
  ceInterface: ServiceContext['ceInterface'];
}

function prefixServiceOf(prefix: ObservedPrefix | null): ServiceRecord | null {
  if (!prefix) return null;
  try {
    return serviceForPrefix(prefix.value) ?? null;
  } catch {
    return null;
  }
}

/** What the RTX's config and status say about the service. */
function rtxClues(ctx: DiagnosisContext): Clues {
  const cfg = ctx.rtx.config;
  const prefix = observePrefix(ctx);
  const clues: Clues = { id: null, reasons: [], tunnel: null, wan: null, prefix, configIid: null, configFixedIpv4: null, ceInterface: null };
  const byPrefix = prefixServiceOf(prefix);
  if (!cfg) {
    if (byPrefix) {
      clues.id = byPrefix.id;
      clues.reasons.push(`prefix ${prefix?.value} is inside a ${byPrefix.name} MAP rule`);
    }
    return clues;
  }
  const t = ipv4Tunnel(cfg);
  clues.tunnel = t;
  clues.wan = wanInterfaceOf(cfg);
  clues.ceInterface = prefixedLanAddress(cfg, clues.wan);
  const suffix = clues.ceInterface ? prefixSuffix(clues.ceInterface.value) : null;
  const sv = suffix ? suffixValue(suffix) : null;
  if (sv !== null && clues.ceInterface) clues.configIid = { value: formatIid(sv), lines: clues.ceInterface.lines };
  if (t) clues.configFixedIpv4 = natOuterLiteral(cfg, t);
  const at = (src: { lines: number[] } | null | undefined): string => (src?.lines[0] !== undefined ? ` (show config line ${src.lines[0]})` : '');
  const enc = t?.encapsulation?.value;

  if (t && enc === 'map-e') {
    const type = t.mapeType?.value;
    if (byPrefix?.encapsulation.value === 'map-e') {
      clues.id = byPrefix.id;
      clues.reasons.push(`tunnel ${t.id}: tunnel encapsulation map-e${at(t.encapsulation)}`, `prefix ${prefix?.value} is inside a ${byPrefix.name} MAP rule`);
    } else if (type === 'ocn' || type === 'v6plus') {
      clues.id = type === 'ocn' ? 'ocn-vc' : 'v6plus';
      clues.reasons.push(`tunnel ${t.id}: tunnel map-e type ${type}${at(t.mapeType)}`);
    }
    return clues;
  }
  if (t && enc === 'ipip') {
    const dslite = dsLiteByEndpoint(t);
    const fixedHost = SERVICES.find((s) => {
      const host = updateHost(s);
      return host !== null && configMentions(cfg, host);
    });
    if (fixedHost) {
      clues.id = fixedHost.id;
      clues.reasons.push(`tunnel ${t.id}: tunnel encapsulation ipip${at(t.encapsulation)}`, `the config calls the ${fixedHost.name} update server ${updateHost(fixedHost)}`);
    } else if (dslite && !clues.configFixedIpv4) {
      clues.id = dslite.id;
      const ep = t.endpointName ?? t.endpointAddress;
      clues.reasons.push(`tunnel ${t.id}: ipip to ${ep?.remote}${at(ep)}${dslite.exact ? '' : ' (close to a known AFTR)'}`);
    } else if (clues.configFixedIpv4 || ctx.input.notice?.fixedIpv4) {
      // A fixed IPv4 on an IPIP tunnel is a fixed-IP service; the VNE is told by the prefix or the BR.
      const remote = normalizeIpv6(t.endpointAddress?.remote);
      const v6plusFixed = FIXED_BR_FALLBACK['v6plus-fixed'];
      const nearV6plus = remote !== null && v6plusFixed && [v6plusFixed.address, v6plusFixed.mapeBr ?? ''].some((a) => levenshtein(remote, a) <= TYPO_DISTANCE);
      if (byPrefix?.id === 'v6plus' || nearV6plus) clues.id = 'v6plus-fixed';
      if (clues.id) clues.reasons.push(`tunnel ${t.id}: ipip with a fixed NAT outer address${at(clues.configFixedIpv4)}`);
    }
    return clues;
  }
  if (byPrefix) {
    clues.id = byPrefix.id;
    clues.reasons.push(`prefix ${prefix?.value} is inside a ${byPrefix.name} MAP rule`);
  }
  return clues;
}

/** Off the RTX (Linux), only the notice speaks here; Linux facts are the Linux rules' business. */
function noticeClues(): Clues {
  return { id: null, reasons: [], tunnel: null, wan: null, prefix: null, configIid: null, configFixedIpv4: null, ceInterface: null };
}

export function identifyService(ctx: DiagnosisContext): ServiceContext | null {
  // Reading the device fills ctx.device from what the router printed when the input did not name it.
  if (ctx.input.platform === 'rtx') void ctx.rtx.device;
  const clues = ctx.input.platform === 'rtx' ? rtxClues(ctx) : noticeClues();
  const notice = ctx.input.notice;
  let id = clues.id;
  const reasons = [...clues.reasons];
  if (notice?.serviceId) {
    if (id && id !== notice.serviceId) reasons.push(`the notice says ${notice.serviceId}, which overrides ${id}`);
    else reasons.push(`the notice says ${notice.serviceId}`);
    id = notice.serviceId;
  }
  if (!id && !clues.prefix && !clues.tunnel) return null;

  const record = id ? serviceById(id) : null;
  const encapsulation = record?.encapsulation.value ?? (clues.tunnel?.encapsulation?.value === 'map-e' ? 'map-e' : null);
  const prefixService = prefixServiceOf(clues.prefix);

  let mape: MapEResult | null = null;
  let mapeError: CalcInputError | null = null;
  if (encapsulation === 'map-e' && clues.prefix) {
    try {
      mape = calculateMapE(clues.prefix.value);
    } catch (err) {
      if (err instanceof CalcInputError) mapeError = err;
      else throw err;
    }
  }

  const fixedIpv4 = notice?.fixedIpv4
    ? { value: notice.fixedIpv4.trim(), source: 'notice' as const, lines: [] }
    : clues.configFixedIpv4
      ? { ...clues.configFixedIpv4, source: 'config' as const }
      : null;
  const interfaceId = notice?.interfaceId
    ? { value: notice.interfaceId.trim(), source: 'notice' as const, lines: [] }
    : clues.configIid
      ? { ...clues.configIid, source: 'config' as const }
      : null;

  const endpoint = expectedEndpoint(record, mape, notice?.br ?? null);
  let expectedCe: ServiceContext['expectedCe'] = null;
  if (encapsulation === 'map-e' && mape) expectedCe = { address: mape.ceAddress, source: 'rule' };
  else if (encapsulation === 'ipip' && clues.prefix && interfaceId) {
    try {
      expectedCe = { address: fixedIpCeAddress(clues.prefix.value, interfaceId.value).ceAddress, source: interfaceId.source };
    } catch (err) {
      if (!(err instanceof CalcInputError)) throw err;
      ctx.notes.push(`The fixed-IP CE address could not be computed: ${err.message}`);
    }
  }

  return {
    id,
    record,
    encapsulation,
    reasons,
    tunnel: clues.tunnel,
    wanInterface: clues.wan,
    prefix: clues.prefix,
    prefixService,
    mape,
    mapeError,
    expectedBr: endpoint?.address ?? endpoint?.name ?? null,
    endpoint,
    expectedCe,
    interfaceId,
    fixedIpv4,
    ceInterface: clues.ceInterface,
  };
}

function expectedEndpoint(record: ServiceRecord | null, mape: MapEResult | null, noticeBr: string | null): ExpectedEndpoint | null {
  const base = { name: null, alternatives: [], obviousOnly: false, mapeBr: null };
  if (noticeBr && normalizeIpv6(noticeBr)) return { ...base, address: normalizeIpv6(noticeBr), source: 'notice' };
  if (mape?.br) return { ...base, address: mape.br, source: 'rule' };
  if (!record) return null;
  const eps = record.endpoints.value;
  if (record.encapsulation.value === 'map-e') {
    // Without a prefix only a provider with a single BR has a definite answer (not BIGLOBE east/west).
    const addrs = eps.flatMap((e) => (e.address ? [e.address] : []));
    return addrs.length === 1 ? { ...base, address: addrs[0] ?? null, source: 'catalog' } : null;
  }
  if (record.encapsulation.value === 'ds-lite') {
    const name = eps.find((e) => e.name)?.name ?? null;
    const addrs = eps.flatMap((e) => (e.address ? [e.address] : []));
    return { ...base, address: null, name, alternatives: addrs, source: 'catalog' };
  }
  const fallback = FIXED_BR_FALLBACK[record.id];
  return fallback ? { ...base, address: fallback.address, source: 'catalog', obviousOnly: true, mapeBr: fallback.mapeBr } : null;
}

export function summarizeService(s: ServiceContext): ServiceSummary {
  return {
    id: s.id,
    provider: s.record?.name ?? s.mape?.provider ?? null,
    prefix: s.mape?.userPrefix ?? s.prefix?.value ?? null,
    ceAddress: s.expectedCe?.address ?? null,
    br: s.expectedBr,
  };
}
