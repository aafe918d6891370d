/**
 * What an RTX shows about its line, without asking: the tunnel's encapsulation and endpoint, the NAT outer address,
 * the update script in the config, the LAN address built from the prefix, and the prefix the line delegated.
 */
import { Address6 } from 'ip-address';
import { levenshtein, normalizeIpv6, TYPO_DISTANCE } from '../address.js';
import { FIXED_BR_FALLBACK } from '../data/expectations.js';
import type { FactsView } from '../facts.js';
import { configEvidence } from '../rtx/common.js';
import { prefixSuffix, RTX_COMMANDS, suffixValue } from '../rtx/facts.js';
import { parseIpv6Input } from '../../mape/ipv6-input.js';
import { isPlaceholder } from '../redacted.js';
import { SERVICES, serviceById, type ServiceId, type ServiceRecord } from '../../services/index.js';
import { prefixServiceOf, updateHost } from './catalog.js';
import type { RtxConfig, TunnelConfig } from '../../rtx/config/types.js';
import type { FactSource, LineClues, ObservedPrefix } from './types.js';

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

/** The prefix, from the most direct source the user gave us. */
function observePrefix(ctx: FactsView): ObservedPrefix | null {
  const rtx = ctx.rtx;
  const seen = (value: string, origin: ObservedPrefix['origin'], command: string, lines: number[]): ObservedPrefix => ({
    value,
    origin,
    source: 'show',
    evidence: [ctx.evidence(command, lines)],
  });
  for (const i of rtx.dhcp6?.interfaces ?? []) {
    if (i.role !== 'client' || !i.prefix) continue;
    const v = globalIpv6(i.prefix.value);
    if (v) return seen(v, 'dhcp6', RTX_COMMANDS.dhcp6, i.prefix.lines);
    ctx.notes.push(
      isPlaceholder(i.prefix.value)
        ? `The prefix shown by "show status ipv6 dhcp" is hidden behind a placeholder (${i.prefix.value}), so it is unknown.`
        : `The prefix shown by "show status ipv6 dhcp" (${i.prefix.value}) is not a global IPv6 prefix, so it was not used.`,
    );
  }
  for (const i of rtx.ipv6Address?.interfaces ?? []) {
    for (const a of i.addresses) {
      if (a.scope !== 'global' || !globalIpv6(a.address)) continue;
      return seen(a.prefixLength !== null ? `${a.address}/${a.prefixLength}` : a.address, 'ipv6-address', RTX_COMMANDS.ipv6Address, a.lines);
    }
  }
  for (const r of rtx.ipv6Route?.routes ?? []) {
    if (r.destination === 'default' || !r.destination.includes('/')) continue;
    const v = globalIpv6(r.destination);
    if (v) return seen(v, 'ipv6-route', RTX_COMMANDS.ipv6Route, r.lines);
  }
  const events = rtx.log?.events ?? [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    // `ff02::/64 … by Static` is logged at every boot and is no lease; globalIpv6 refuses it.
    if (e?.kind !== 'ipv6-prefix' || e.action !== 'add') continue;
    const v = globalIpv6(e.prefix);
    if (v) return seen(v, 'log', e.command, e.lines);
  }
  return null;
}

/** Every text of the config a script could live in: embedded files and lines the parser did not model. */
function configMentions(cfg: RtxConfig, host: string): boolean {
  const h = host.toLowerCase();
  return cfg.embeddedFiles.some((f) => f.body.toLowerCase().includes(h)) || cfg.unknown.some((u) => u.text.toLowerCase().includes(h));
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

function formatIid(value: bigint): string {
  return Address6.fromBigInt(value & ((1n << 64n) - 1n)).correctForm();
}

/** A fixed-IP service: the whole IPv4 address over a plain IPIP tunnel (the catalog's encapsulation). */
const isFixedIp = (s: ServiceRecord): boolean => s.encapsulation.value === 'ipip';

/**
 * The fixed-IP service of an IPIP tunnel with a fixed IPv4: one sharing the prefix's address space (v6plus carries
 * v6plus fixed IP), else one whose catalog BR (or the same VNE's MAP-E BR) the tunnel aims at within a typo.
 */
function fixedIpServiceOf(byPrefix: ServiceRecord | null, t: TunnelConfig): ServiceId | null {
  const sharing = byPrefix?.samePrefixesAs.map(serviceById).find(isFixedIp);
  if (sharing) return sharing.id;
  const remote = normalizeIpv6(t.endpointAddress?.remote);
  if (remote === null) return null;
  const near = Object.entries(FIXED_BR_FALLBACK).find(([, fb]) => fb && [fb.address, fb.mapeBr ?? ''].some((a) => levenshtein(remote, a) <= TYPO_DISTANCE));
  return (near?.[0] as ServiceId | undefined) ?? null;
}

export function rtxClues(ctx: FactsView): LineClues {
  // Reading the device fills ctx.device from what the router printed when the input did not name it.
  void ctx.rtx.device;
  const cfg = ctx.rtx.config;
  const prefix = observePrefix(ctx);
  const clues: LineClues = { service: null, reasons: [], encapsulation: null, prefix, fixedIpv4: null, interfaceId: null };
  const byPrefix = prefixServiceOf(prefix);
  const found = (id: ServiceId, source: FactSource, ...reasons: string[]): LineClues => {
    clues.service = { id, source };
    clues.reasons.push(...reasons);
    return clues;
  };
  if (!cfg) return byPrefix ? found(byPrefix.id, 'calculator', `prefix ${prefix?.value} is inside a ${byPrefix.name} MAP rule`) : clues;

  const t = ctx.rtx.tunnel;
  const lan = ctx.rtx.prefixedLan;
  const suffix = lan ? prefixSuffix(lan.value) : null;
  const sv = suffix ? suffixValue(suffix) : null;
  if (sv !== null && lan) clues.interfaceId = { value: formatIid(sv), source: 'config', evidence: [configEvidence(ctx, lan.lines)] };
  const outer = t ? natOuterLiteral(cfg, t) : null;
  if (outer) clues.fixedIpv4 = { value: outer.value, source: 'config', evidence: [configEvidence(ctx, outer.lines)] };
  const at = (src: { lines: number[] } | null | undefined): string => (src?.lines[0] !== undefined ? ` (show config line ${src.lines[0]})` : '');
  const enc = t?.encapsulation?.value;
  if (t && enc === 'map-e') clues.encapsulation = 'map-e';

  if (t && enc === 'map-e') {
    const type = t.mapeType?.value;
    if (byPrefix?.encapsulation.value === 'map-e') {
      return found(byPrefix.id, 'calculator', `tunnel ${t.id}: tunnel encapsulation map-e${at(t.encapsulation)}`, `prefix ${prefix?.value} is inside a ${byPrefix.name} MAP rule`);
    }
    // `tunnel map-e type ocn|v6plus`: the first service of the catalog configured with that type.
    const byType = type ? SERVICES.find((s) => s.encapsulation.value === 'map-e' && s.rtx.value.mapEType === type) : undefined;
    return byType ? found(byType.id, 'config', `tunnel ${t.id}: tunnel map-e type ${type}${at(t.mapeType)}`) : clues;
  }
  if (t && enc === 'ipip') {
    const dslite = dsLiteByEndpoint(t);
    const fixedHost = SERVICES.find((s) => {
      const host = updateHost(s);
      return host !== null && configMentions(cfg, host);
    });
    if (fixedHost) {
      return found(fixedHost.id, 'config', `tunnel ${t.id}: tunnel encapsulation ipip${at(t.encapsulation)}`, `the config calls the ${fixedHost.name} update server ${updateHost(fixedHost)}`);
    }
    if (dslite && !outer) {
      const ep = t.endpointName ?? t.endpointAddress;
      return found(dslite.id, 'config', `tunnel ${t.id}: ipip to ${ep?.remote}${at(ep)}${dslite.exact ? '' : ' (close to a known AFTR)'}`);
    }
    if (outer || ctx.input.notice?.fixedIpv4) {
      // A fixed IPv4 on an IPIP tunnel is a fixed-IP service; the VNE is told by the prefix or the BR.
      const id = fixedIpServiceOf(byPrefix, t);
      if (id) return found(id, 'config', `tunnel ${t.id}: ipip with a fixed NAT outer address${at(outer)}`);
    }
    return clues;
  }
  return byPrefix ? found(byPrefix.id, 'calculator', `prefix ${prefix?.value} is inside a ${byPrefix.name} MAP rule`) : clues;
}
