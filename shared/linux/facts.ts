/**
 * A Linux/VyOS CE summarised from whatever outputs were read: the facts diagnosis rules test
 * (ENCAPLIMIT_PRESENT, BR_ADDRESS_WRONG, CE_ADDRESS_NOT_ASSIGNED, BR_ROUTE_ONLINK, DEFAULT_ROUTE_NOT_TUNNEL,
 * PORTSET_PARTIAL/OUTSIDE, ICMP_NOT_TRANSLATED, MSS_CLAMP_MISSING, rp_filter). Every fact keeps its evidence.
 * Live kernel state (ip/nft output) wins over VyOS configuration where both describe the same thing.
 */
import { Address4, Address6 } from 'ip-address';
import type { ParserKind } from './commands.js';
import type { Evidence } from './evidence.js';
import type { InterfaceAddress, Lifetime } from './ip-addr.js';
import type { LinkStats } from './ip-link.js';
import { routeOf, type Family, type Route } from './ip-route.js';
import { snatStatements, type NftRule, type PortRange, type SnatStatement } from './nft-model.js';
import type { ParsedOutput } from './parse.js';
import { countPorts, mergeRanges } from './port-ranges.js';
import { emptyTunnelParams, tunnelMode, type TunnelParams } from './tunnel-params.js';
import { sourceValidationToRpFilter, vyosProtocols, type VyosConfigResult } from './vyos-config.js';

export type FactSource = 'ip-link' | 'ip-tunnel' | 'vyos-config';

export interface CeTunnel extends TunnelParams {
  name: string;
  mtu: number | null;
  /** Administratively up; null when only `ip -6 tunnel show` (which has no state) or config was seen. */
  up: boolean | null;
  stats: LinkStats | null;
  /** The kernel's catch-all devices (`ip6tnl0`, `sit0`, `tunl0`), listed but not a configured tunnel. */
  fallback: boolean;
  /** VyOS: the tunnel is configured but `disable`d. */
  disabled: boolean;
  sources: FactSource[];
  evidence: Evidence[];
}

export interface CeAddress {
  ifname: string;
  family: Family;
  address: string;
  prefixLength: number;
  scope: string | null;
  flags: string[];
  validLifetime: Lifetime | null;
  preferredLifetime: Lifetime | null;
  /** From VyOS configuration rather than the kernel. */
  configured: boolean;
  evidence: Evidence;
}

export type L4 = 'tcp' | 'udp' | 'icmp';
export const L4_PROTOCOLS: readonly L4[] = ['tcp', 'udp', 'icmp'];

/** One SNAT/masquerade rule as it bears on the tunnel. */
export interface SnatRuleFact {
  kind: 'snat' | 'masquerade';
  /** Protocols it translates; null = all. */
  protocols: string[] | null;
  protocolsNegated: boolean;
  oifname: string[] | null;
  address: string | null;
  /** Ports it can produce; null = the port is left as the client chose (unconstrained). */
  ports: PortRange[] | null;
  /** The mark(s) the rule requires, if any. */
  marks: number[] | null;
  /** False when it requires a mark no rule sets (so it never fires); null when that cannot be told. */
  reachable: boolean | null;
  /** The nft 1.0.6 broken numgen-map listing (`0 : 7216-0`). */
  brokenMap: boolean;
  brokenMapEntries: string[];
  persistent: boolean;
  evidence: Evidence;
}

export interface ProtocolSnat {
  protocol: L4;
  /** Merged ranges reachable SNAT rules can produce for this protocol. */
  ranges: PortRange[];
  portCount: number;
  /** Some reachable rule translates this protocol without a port range (ports outside the set possible). */
  unrestricted: boolean;
  /** No reachable rule translates this protocol at all. */
  untranslated: boolean;
  evidence: Evidence[];
}

export interface SnatFacts {
  /** Rules towards the tunnel (or every SNAT rule when no tunnel is known). */
  rules: SnatRuleFact[];
  byProtocol: Record<L4, ProtocolSnat>;
  /** Rules whose numgen map lists back broken: treat as not working. */
  brokenMaps: Evidence[];
  /** Marks that some rule sets (`meta mark set numgen inc mod 15 offset 0x10` → 0x10…0x1e); null = unknown/any. */
  marksSet: number[] | null;
  markSetEvidence: Evidence[];
  translationAddresses: string[];
}

export interface MssFacts {
  present: boolean;
  /** `rt-mtu` (clamp to path MTU), a fixed size, or VyOS's `clamp-mss-to-pmtu` / number as written. */
  values: ('rt-mtu' | number | string | null)[];
  evidence: Evidence[];
}

export interface RpFilterFact {
  iface: string;
  all: number | null;
  own: number | null;
  /** The kernel uses max(conf/all, conf/<iface>): 0 off, 1 strict, 2 loose. */
  effective: number | null;
  evidence: Evidence[];
}

export interface CeFacts {
  tunnels: CeTunnel[];
  addresses: CeAddress[];
  routes: { ipv4: Route[]; ipv6: Route[] };
  /** The IPv4 default route(s) (`default dev mape`). */
  defaultRoutesV4: Route[];
  snat: SnatFacts;
  mssClamp: MssFacts;
  rpFilter: RpFilterFact[];
  /** Which kinds of output were read: a rule can tell "no nft output" from "no SNAT rule". */
  seen: ParserKind[];
}

const FALLBACK_DEVICES = new Set(['ip6tnl0', 'sit0', 'tunl0', 'ip6gre0', 'gre0', 'ip_vti0', 'ip6_vti0']);

export function summariseCe(outputs: readonly ParsedOutput[]): CeFacts {
  const seen = [...new Set(outputs.map((o) => o.kind))];
  const vyos = mergeVyos(outputs.flatMap((o) => (o.kind === 'vyos-config' ? [o.result] : [])));
  const tunnels = collectTunnels(outputs, vyos);
  const addresses = collectAddresses(outputs, vyos);
  const routes = collectRoutes(outputs, vyos);
  const tunnelNames = tunnels.filter((t) => !t.fallback).map((t) => t.name);
  return {
    tunnels,
    addresses,
    routes,
    defaultRoutesV4: routes.ipv4.filter((r) => r.destination === 'default' && r.type === 'unicast'),
    snat: collectSnat(outputs, vyos, tunnelNames),
    mssClamp: collectMss(outputs, vyos),
    rpFilter: collectRpFilter(outputs, vyos, tunnels),
    seen,
  };
}

function collectTunnels(outputs: readonly ParsedOutput[], vyos: VyosConfigResult[]): CeTunnel[] {
  const byName = new Map<string, CeTunnel>();
  const get = (name: string): CeTunnel => {
    let t = byName.get(name);
    if (!t) {
      t = { name, ...emptyTunnelParams(), mtu: null, up: null, stats: null, fallback: FALLBACK_DEVICES.has(name), disabled: false, sources: [], evidence: [] };
      byName.set(name, t);
    }
    return t;
  };
  // Runtime first, so config only fills what the kernel did not say.
  for (const o of outputs) {
    if (o.kind === 'ip-link') {
      for (const l of o.result.links) {
        if (l.kind !== 'ip6tnl' && l.linkType !== 'tunnel6') continue;
        const t = get(l.name);
        if (l.tunnel) fill(t, l.tunnel);
        t.mtu ??= l.mtu;
        t.up ??= l.up;
        t.stats ??= l.stats;
        t.sources.push('ip-link');
        t.evidence.push(l.evidence);
      }
    } else if (o.kind === 'ip-tunnel') {
      for (const e of o.result.tunnels) {
        const t = get(e.name);
        fill(t, e);
        t.sources.push('ip-tunnel');
        t.evidence.push(e.evidence);
      }
    }
  }
  // `ip -d link` of a non-tunnel device can still say whether a tunnel we know from elsewhere is up.
  for (const o of outputs) {
    if (o.kind !== 'ip-link') continue;
    for (const l of o.result.links) {
      const t = byName.get(l.name);
      if (t && t.up === null) {
        t.up = l.up;
        t.mtu ??= l.mtu;
      }
    }
  }
  for (const v of vyos) {
    for (const vt of v.tunnels) {
      const t = get(vt.name);
      const p = emptyTunnelParams();
      if (vt.encapsulation) {
        p.modeRaw = vt.encapsulation;
        p.mode = tunnelMode(vt.encapsulation);
      }
      p.remote = vt.remote;
      p.local = vt.sourceAddress;
      p.dev = vt.sourceInterface;
      // VyOS leaves the kernel default (4) when encaplimit is not configured: the value BRs drop.
      p.encapLimit = vt.encapLimit ?? (p.mode === 'ip4ip6' || p.mode === 'ip6ip6' ? 4 : null);
      p.hopLimit = vt.hopLimit;
      fill(t, p);
      t.mtu ??= vt.mtu;
      if (vt.disabled) t.disabled = true;
      t.sources.push('vyos-config');
      t.evidence.push(vt.evidence);
    }
  }
  return [...byName.values()];
}

/**
 * VyOS configuration may arrive in pieces (`show configuration commands`, then `set …` typed in configure mode
 * that change one field of a rule): one rule/tunnel per key, later non-null fields winning, evidence joined.
 */
function mergeVyos(results: VyosConfigResult[]): VyosConfigResult[] {
  if (results.length <= 1) return results;
  const merged: VyosConfigResult = { tunnels: [], addresses: [], natRules: [], staticRoutes: [], sourceValidation: [], adjustMss: [], unrecognised: [] };
  const overlay = <T extends { evidence: Evidence }>(list: T[], key: (x: T) => string, item: T): void => {
    const existing = list.find((x) => key(x) === key(item));
    if (!existing) {
      list.push({ ...item, evidence: { ...item.evidence, lines: item.evidence.lines ? [...item.evidence.lines] : null } });
      return;
    }
    for (const [k, v] of Object.entries(item) as [keyof T, T[keyof T]][]) {
      if (k === 'evidence' || v === null || v === false || (Array.isArray(v) && v.length === 0)) continue;
      existing[k] = v;
    }
    existing.evidence.lines = [...(existing.evidence.lines ?? []), ...(item.evidence.lines ?? [])];
  };
  for (const r of results) {
    for (const t of r.tunnels) overlay(merged.tunnels, (x) => x.name, t);
    for (const n of r.natRules) overlay(merged.natRules, (x) => `${x.kind}/${x.number}`, n);
    merged.addresses.push(...r.addresses);
    merged.staticRoutes.push(...r.staticRoutes);
    merged.sourceValidation.push(...r.sourceValidation);
    merged.adjustMss.push(...r.adjustMss);
  }
  return [merged];
}

/** Copy the fields `from` knows into `t` where `t` has none yet. */
function fill(t: CeTunnel, from: TunnelParams): void {
  t.mode ??= from.mode;
  t.modeRaw ??= from.modeRaw;
  t.remote ??= from.remote;
  t.local ??= from.local;
  t.dev ??= from.dev;
  t.encapLimit ??= from.encapLimit;
  t.hopLimit ??= from.hopLimit;
  t.tclass ??= from.tclass;
  t.flowlabel ??= from.flowlabel;
  for (const f of from.flags) if (!t.flags.includes(f)) t.flags.push(f);
}

function collectAddresses(outputs: readonly ParsedOutput[], vyos: VyosConfigResult[]): CeAddress[] {
  const out: CeAddress[] = [];
  const fromKernel = (a: InterfaceAddress): CeAddress => ({
    ifname: a.ifname,
    family: a.family,
    address: a.address,
    prefixLength: a.prefixLength,
    scope: a.scope,
    flags: a.flags,
    validLifetime: a.validLifetime,
    preferredLifetime: a.preferredLifetime,
    configured: false,
    evidence: a.evidence,
  });
  for (const o of outputs) if (o.kind === 'ip-addr') out.push(...o.result.addresses.map(fromKernel));
  for (const v of vyos) {
    for (const a of v.addresses) {
      const slash = a.address.indexOf('/');
      if (slash < 0) continue; // dhcp, dhcpv6, autoconf: no address to compare with
      const address = a.address.slice(0, slash);
      const family: Family = address.includes(':') ? 'inet6' : 'inet';
      out.push({ ifname: a.ifname, family, address, prefixLength: Number(a.address.slice(slash + 1)) || 0, scope: null, flags: [], validLifetime: null, preferredLifetime: null, configured: true, evidence: a.evidence });
    }
    for (const t of v.tunnels) {
      for (const a of t.addresses) {
        const [address, len] = a.split('/');
        if (address) out.push({ ifname: t.name, family: address.includes(':') ? 'inet6' : 'inet', address, prefixLength: Number(len) || 0, scope: null, flags: [], validLifetime: null, preferredLifetime: null, configured: true, evidence: t.evidence });
      }
    }
  }
  return out;
}

function collectRoutes(outputs: readonly ParsedOutput[], vyos: VyosConfigResult[]): { ipv4: Route[]; ipv6: Route[] } {
  const all: Route[] = outputs.flatMap((o) => (o.kind === 'ip-route' ? o.result.routes : []));
  for (const v of vyos) {
    for (const s of v.staticRoutes) {
      const isDefault = s.destination === '0.0.0.0/0' || s.destination === '::/0';
      const [, len] = s.destination.split('/');
      all.push(
        routeOf({
          family: s.family,
          type: 'unicast',
          destination: isDefault ? 'default' : s.destination,
          prefixLength: isDefault ? 0 : Number(len ?? (s.family === 'inet6' ? 128 : 32)),
          via: s.nextHop,
          dev: s.interface,
          proto: 'static',
          evidence: s.evidence,
        }),
      );
    }
  }
  return { ipv4: all.filter((r) => r.family === 'inet'), ipv6: all.filter((r) => r.family === 'inet6') };
}

function marksProduced(rules: readonly NftRule[]): { marks: number[] | null; evidence: Evidence[] } {
  const marks = new Set<number>();
  const evidence: Evidence[] = [];
  let unknown = false;
  for (const r of rules) {
    for (const s of r.statements) {
      if (s.kind !== 'mark-set' || s.target !== 'meta') continue;
      evidence.push(r.evidence);
      if (s.numgen && s.numgen.mod > 0 && s.numgen.mod <= 65536) for (let i = 0; i < s.numgen.mod; i++) marks.add(s.numgen.offset + i);
      else if (s.value !== null) marks.add(s.value);
      else unknown = true;
    }
  }
  return { marks: unknown ? null : [...marks].sort((a, b) => a - b), evidence };
}

function collectSnat(outputs: readonly ParsedOutput[], vyos: VyosConfigResult[], tunnelNames: string[]): SnatFacts {
  const nftRules = outputs.flatMap((o) => (o.kind === 'nft' ? o.result.rules : []));
  const produced = marksProduced(nftRules);
  const towardTunnel = (oif: string[] | null, negated: boolean): boolean =>
    tunnelNames.length === 0 || oif === null || (negated ? !oif.every((n) => tunnelNames.includes(n)) : oif.some((n) => tunnelNames.includes(n)));

  const rules: SnatRuleFact[] = [];
  for (const r of nftRules) {
    for (const s of snatStatements(r)) {
      if (!towardTunnel(r.match.oifname, r.match.oifnameNegated)) continue;
      rules.push(fromNft(r, s, produced.marks));
    }
  }
  for (const v of vyos) {
    for (const n of v.natRules) {
      if (n.kind !== 'source' || n.disabled || !towardTunnel(n.outboundInterface ? [n.outboundInterface] : null, false)) continue;
      const masq = n.translationAddress === 'masquerade';
      rules.push({
        kind: masq ? 'masquerade' : 'snat',
        protocols: vyosProtocols(n.protocol),
        protocolsNegated: false,
        oifname: n.outboundInterface ? [n.outboundInterface] : null,
        address: masq ? null : n.translationAddress,
        ports: n.ports,
        marks: null,
        reachable: true,
        brokenMap: false,
        brokenMapEntries: [],
        persistent: false,
        evidence: n.evidence,
      });
    }
  }

  const byProtocol = {} as Record<L4, ProtocolSnat>;
  for (const p of L4_PROTOCOLS) {
    const applies = rules.filter((r) => r.reachable !== false && appliesTo(r, p));
    const ranges = mergeRanges(applies.flatMap((r) => r.ports ?? []));
    byProtocol[p] = {
      protocol: p,
      ranges,
      portCount: countPorts(ranges),
      unrestricted: applies.some((r) => r.ports === null),
      untranslated: applies.length === 0,
      evidence: applies.map((r) => r.evidence),
    };
  }
  return {
    rules,
    byProtocol,
    brokenMaps: rules.filter((r) => r.brokenMap).map((r) => r.evidence),
    marksSet: produced.marks,
    markSetEvidence: produced.evidence,
    translationAddresses: [...new Set(rules.flatMap((r) => (r.address ? [r.address] : [])))],
  };
}

function appliesTo(r: SnatRuleFact, p: L4): boolean {
  if (r.protocols === null) return true;
  return r.protocolsNegated ? !r.protocols.includes(p) : r.protocols.includes(p);
}

function fromNft(r: NftRule, s: SnatStatement, marksSet: number[] | null): SnatRuleFact {
  const m = r.match;
  let reachable: boolean | null = true;
  if (m.markComplex) reachable = null;
  else if (m.mark !== null && !m.markNegated) reachable = marksSet === null ? null : m.mark.some((x) => marksSet.includes(x));
  return {
    kind: s.kind,
    protocols: m.l4proto,
    protocolsNegated: m.l4protoNegated,
    oifname: m.oifname,
    address: s.address,
    // A numgen map whose entries all broke produces no usable port: treat as no ranges, flagged as broken.
    ports: s.portForm === 'unknown' ? [] : s.ports,
    marks: m.mark,
    reachable,
    brokenMap: s.brokenMapEntries.length > 0,
    brokenMapEntries: s.brokenMapEntries,
    persistent: s.persistent,
    evidence: r.evidence,
  };
}

function collectMss(outputs: readonly ParsedOutput[], vyos: VyosConfigResult[]): MssFacts {
  const values: MssFacts['values'] = [];
  const evidence: Evidence[] = [];
  for (const o of outputs) {
    if (o.kind !== 'nft') continue;
    for (const r of o.result.rules) {
      for (const s of r.statements) {
        if (s.kind !== 'mss-clamp') continue;
        values.push(s.value);
        evidence.push(r.evidence);
      }
    }
  }
  for (const v of vyos) {
    for (const a of v.adjustMss) {
      values.push(a.value);
      evidence.push(a.evidence);
    }
  }
  return { present: values.length > 0, values, evidence };
}

function collectRpFilter(outputs: readonly ParsedOutput[], vyos: VyosConfigResult[], tunnels: CeTunnel[]): RpFilterFact[] {
  const settings = new Map<string, { value: number; evidence: Evidence }>();
  for (const o of outputs) if (o.kind === 'sysctl') for (const s of o.result.rpFilter) settings.set(s.iface, { value: s.value, evidence: s.evidence });
  for (const v of vyos) {
    for (const s of v.sourceValidation) {
      const value = sourceValidationToRpFilter(s.value);
      const iface = s.ifname === '*' ? 'all' : s.ifname;
      if (value !== null && !settings.has(iface)) settings.set(iface, { value, evidence: s.evidence });
    }
  }
  if (settings.size === 0) return [];
  const all = settings.get('all') ?? null;
  const names = new Set<string>([...settings.keys()].filter((k) => k !== 'all' && k !== 'default'));
  for (const t of tunnels) {
    if (t.fallback) continue;
    names.add(t.name);
    if (t.dev) names.add(t.dev);
  }
  const out: RpFilterFact[] = [];
  if (all) out.push({ iface: 'all', all: all.value, own: null, effective: all.value, evidence: [all.evidence] });
  for (const iface of names) {
    const own = settings.get(iface) ?? null;
    const values = [all?.value, own?.value].filter((x): x is number => x !== undefined);
    out.push({
      iface,
      all: all?.value ?? null,
      own: own?.value ?? null,
      // With the interface's own value unknown, max() is only a lower bound; say so with null unless `all` is 2 (the maximum).
      effective: own !== null ? Math.max(...values) : all?.value === 2 ? 2 : null,
      evidence: [all?.evidence, own?.evidence].filter((e): e is Evidence => e !== undefined),
    });
  }
  return out;
}

/** Same IPv6/IPv4 address, whatever the spelling (`2404:7a82:4d02:4100:85:d10d:200:4100` vs a zero-padded form). */
export function sameAddress(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    if (a.includes(':') && b.includes(':')) return new Address6(a).canonicalForm() === new Address6(b).canonicalForm();
    if (!a.includes(':') && !b.includes(':')) return new Address4(a).correctForm() === new Address4(b).correctForm();
  } catch {
    return false;
  }
  return false;
}

/** The interface address equal to `address` (e.g. the tunnel's CE address), or null: CE_ADDRESS_NOT_ASSIGNED. */
export function findAssignedAddress(facts: CeFacts, address: string): CeAddress | null {
  return facts.addresses.find((a) => sameAddress(a.address, address)) ?? null;
}

/** Longest-prefix match among the IPv6 routes (main table): which route carries packets to the BR. */
export function routeFor(routes: readonly Route[], address: string): Route | null {
  let target: bigint;
  try {
    target = new Address6(address).bigInt();
  } catch {
    return null;
  }
  let best: Route | null = null;
  for (const r of routes) {
    if (r.family !== 'inet6' || r.type !== 'unicast' || (r.table !== null && r.table !== 'main')) continue;
    if (!covers(r, target)) continue;
    if (!best || r.prefixLength > best.prefixLength || (r.prefixLength === best.prefixLength && (r.metric ?? 0) < (best.metric ?? 0))) best = r;
  }
  return best;
}

function covers(r: Route, target: bigint): boolean {
  if (r.destination === 'default') return true;
  try {
    const net = new Address6(r.destination.split('/')[0]!).bigInt();
    const shift = BigInt(128 - r.prefixLength);
    return net >> shift === target >> shift;
  } catch {
    return false;
  }
}
