/**
 * The provider world: given what the line delivers (scenario `world`), the router's running config and
 * whether the fixed-IP registration succeeded at boot, decide what each tunnel does. Pure: no clock, no I/O.
 *
 * The rules are what the real providers need before a BR/AFTR sends IPv4 back:
 * - the prefix the config asks for exists (PD lines need `dhcp-prefix@` and a DHCPv6 client without `ir=on`,
 *   RA-only lines need `ra-prefix@`);
 * - the tunnel's remote end is the provider's BR/AFTR (a mistyped BR gets nothing back);
 * - the CE address is the one the provider routes to (MAP-E: computed from the prefix by the rule;
 *   fixed IP: the /64 + the interface ID from the notice, configured on a LAN, as in field report 000);
 * - the WAN's IPv6 secure filter in passes protocol 4 from the BR to the CE;
 * - NAT sends from the address the provider expects (MAP-E `map-e`; fixed IP: the fixed IPv4);
 * - fixed IP: the update server accepted the CE (boot-time Lua notification), and the provider side works.
 */
import { Address6 } from 'ip-address';
import { calculateMapE, fixedIpCeAddress, type MapEResult, type PortRange } from '../../../shared/mape/index.js';
import type { InterfaceConfig, RtxConfig, TunnelConfig } from '../../../shared/rtx/config/types.js';
import { resolveName } from './dns.js';
import { evaluateFilters, hostPart, sameIpv6, type FilterVerdict } from './packet-filter.js';
import type { ScenarioWorld } from './scenario.js';

export type ReasonCode =
  | 'tunnel-disabled'
  | 'no-endpoint'
  | 'wrong-encapsulation'
  | 'no-prefix'
  | 'mape-rule-unknown'
  | 'mape-type-mismatch'
  | 'wrong-br'
  | 'no-ce-address'
  | 'ce-address-mismatch'
  | 'protocol-4-filtered'
  | 'nat-missing'
  | 'nat-outer-mismatch'
  | 'ports-outside'
  | 'not-registered'
  | 'provider-side-broken';

export interface WorldReason {
  code: ReasonCode;
  detail: string;
}

/** What the fixed-IP update server made of the boot-time notification (see boot.ts). */
export interface Registration {
  /** The Lua script ran and reached the server. */
  attempted: boolean;
  ok: boolean;
}

export interface TunnelWorld {
  id: number;
  encapsulation: 'ipip' | 'map-e' | 'other';
  /** The interface is up ("Current status is Online."): IPIP has no handshake, so this proves nothing. */
  up: boolean;
  /** The tunnel can send: up and it has a local IPv6 address to send from. */
  canSend: boolean;
  local: string | null;
  remote: string | null;
  /** MAP-E: the IPv4 address and port blocks the rule gives this CE. */
  mape: MapEResult | null;
  /** IPv4 source after NAT (for `show nat descriptor address`). */
  natOuter: string | null;
  natDescriptor: number | null;
  portRanges: PortRange[] | null;
  /** The BR/AFTR sends packets back into this tunnel: RX counters move. */
  receives: boolean;
  /** Why it does not receive; empty when it does. */
  reasons: WorldReason[];
}

export interface LanAddress {
  interface: string;
  address: string;
  prefixLength: number;
}

export interface WorldState {
  wan: string;
  /** The delegated prefix the router holds (PD lease), or null. */
  pdPrefix: string | null;
  /** The /64 the router learned from the RA on the WAN and autoconfigured there, or null. */
  raPrefix: string | null;
  /** Why the config's prefix references resolve to nothing. */
  prefixProblem: string | null;
  /** Global IPv6 addresses the config produces, per interface. */
  addresses: LanAddress[];
  tunnels: TunnelWorld[];
  /** The router's own IPv4 address on LAN1: the inner address of its own masqueraded traffic. */
  routerLanIpv4: string | null;
}

const RA_PREFIX = /^(ra-prefix|dhcp-prefix)@([a-z0-9/]+)(.*)$/;

function bigintOf(addr: string): bigint {
  return new Address6(addr).bigInt();
}

function fmt(v: bigint): string {
  return Address6.fromBigInt(v).correctForm();
}

function prefixValue(p: string): { value: bigint; length: number } {
  const a = new Address6(p);
  return { value: a.bigInt(), length: a.subnetMask };
}

export interface PrefixSources {
  wan: string;
  pd: string | null;
  ra: string | null;
}

/**
 * `ra-prefix@lan2::1/64` / `dhcp-prefix@lan2::1b:5936:1800:0/64` / a literal → the address and length, or
 * null when the line does not give that kind of prefix on that interface.
 */
export function resolvePrefixed(expr: string, src: PrefixSources): { address: string; length: number } | null {
  const m = RA_PREFIX.exec(expr);
  if (!m) {
    try {
      const a = new Address6(expr);
      return { address: a.correctForm(), length: a.subnetMask };
    } catch {
      return null;
    }
  }
  const [, kind, iface, rest] = m;
  if (iface !== src.wan) return null;
  const base = kind === 'ra-prefix' ? src.ra : src.pd;
  if (!base) return null;
  const slash = rest!.lastIndexOf('/');
  const suffixText = slash >= 0 ? rest!.slice(0, slash) : rest!;
  const length = slash >= 0 ? Number(rest!.slice(slash + 1)) : 64;
  let suffix: bigint;
  try {
    suffix = suffixText === '' || suffixText === '::' ? 0n : bigintOf(suffixText.startsWith(':') ? suffixText : `::${suffixText}`);
  } catch {
    return null;
  }
  const p = prefixValue(base);
  const mask = ((1n << BigInt(p.length)) - 1n) << BigInt(128 - p.length);
  return { address: fmt((p.value & mask) | suffix), length };
}

function wanDhcpClient(cfg: RtxConfig, wan: string): InterfaceConfig['dhcp6Service'] {
  return cfg.interfaces[wan]?.dhcp6Service ?? null;
}

function prefixSources(world: ScenarioWorld, cfg: RtxConfig): { src: PrefixSources; problem: string | null } {
  const wan = world.wan;
  const client = wanDhcpClient(cfg, wan);
  let pd: string | null = null;
  let ra: string | null = null;
  let problem: string | null = null;
  if (world.delivery === 'pd') {
    if (client?.role === 'client' && !client.informationRequest) pd = world.prefix;
    else if (client?.role === 'client') problem = `the line delegates a prefix, but ipv6 ${wan} dhcp service client has ir=on (information only), so no prefix is requested`;
    else problem = `the line delegates a prefix by DHCPv6-PD, but ${wan} runs no DHCPv6 client (ipv6 ${wan} dhcp service client)`;
  } else {
    ra = first64(world.prefix);
  }
  const refs = referencedKinds(cfg);
  if (world.delivery === 'ra' && refs.has('dhcp-prefix') && !refs.has('ra-prefix')) {
    problem = `the config uses dhcp-prefix@${wan}, but this line only sends a Router Advertisement (/64): there is no PD lease`;
  } else if (world.delivery === 'pd' && refs.has('ra-prefix') && !refs.has('dhcp-prefix') && problem === null) {
    problem = `the config uses ra-prefix@${wan}, but this line delegates its prefix by DHCPv6-PD`;
  }
  return { src: { wan, pd, ra }, problem };
}

function first64(prefix: string): string {
  const p = prefixValue(prefix);
  const mask = ((1n << 64n) - 1n) << 64n;
  return `${fmt(p.value & mask)}/64`;
}

/** LAN n's MAC: the n-th address of the unit's range, counting from the first. */
export function interfaceMac(macs: readonly string[], iface: string): string {
  const n = Number(/^lan(\d+)$/.exec(iface)?.[1] ?? '1');
  const first = BigInt(`0x${(macs[0] ?? '00:a0:de:00:00:00').replace(/:/g, '')}`);
  const v = (first + BigInt(n - 1)).toString(16).padStart(12, '0');
  return v.match(/../g)!.join(':');
}

/** Modified EUI-64 interface ID of a MAC, as a 64-bit value. */
function eui64(mac: string): bigint {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  const bytes = [b[0]! ^ 0x02, b[1]!, b[2]!, 0xff, 0xfe, b[3]!, b[4]!, b[5]!];
  return bytes.reduce((acc, x) => (acc << 8n) | BigInt(x), 0n);
}

export function eui64Address(prefix64: string, mac: string): string {
  const p = prefixValue(prefix64);
  return fmt(((p.value >> 64n) << 64n) | eui64(mac));
}

export function linkLocal(mac: string): string {
  return fmt((0xfe80n << 112n) | eui64(mac));
}

function referencedKinds(cfg: RtxConfig): Set<string> {
  const kinds = new Set<string>();
  for (const p of cfg.ipv6Prefixes) if (p.source !== 'static') kinds.add(p.source);
  for (const i of Object.values(cfg.interfaces)) {
    for (const a of i.ipv6Addresses) {
      const m = RA_PREFIX.exec(a.value);
      if (m) kinds.add(m[1]!);
    }
  }
  return kinds;
}

function configuredAddresses(cfg: RtxConfig, src: PrefixSources, world: ScenarioWorld, wanMac: string): LanAddress[] {
  const out: LanAddress[] = [];
  for (const i of Object.values(cfg.interfaces)) {
    for (const a of i.ipv6Addresses) {
      const r = resolvePrefixed(a.value, src);
      if (r) out.push({ interface: i.name, address: r.address, prefixLength: r.length });
    }
  }
  // An RA-only line: the WAN autoconfigures an address in the advertised /64 (EUI-64 from its MAC).
  if (src.ra && !out.some((a) => a.interface === world.wan)) {
    out.push({ interface: world.wan, address: eui64Address(src.ra, wanMac), prefixLength: 64 });
  }
  return out;
}

function natFor(cfg: RtxConfig, t: TunnelConfig): { id: number | null; outer: string | null } {
  const id = t.natDescriptors?.ids[0] ?? null;
  if (id === null) return { id: null, outer: null };
  return { id, outer: cfg.natDescriptors[id]?.outer?.value ?? null };
}

function reason(code: ReasonCode, detail: string): WorldReason {
  return { code, detail };
}

function filterDetail(v: FilterVerdict, wan: string): string {
  if (v.filter) return `ipv6 filter ${v.filter.id} (${v.filter.action} ${v.filter.source} ${v.filter.destination} ${v.filter.protocol}) on ipv6 ${wan} secure filter in drops IPv4-in-IPv6 (protocol 4)`;
  return `no filter on ipv6 ${wan} secure filter in passes protocol 4 (IPv4-in-IPv6), so the list's implicit discard drops it`;
}

/** The remote end a tunnel config names: an address, or a name the router resolves through the line's DNS. */
function remoteOf(t: TunnelConfig, world: ScenarioWorld, cfg: RtxConfig): string | null {
  if (t.endpointAddress) return t.endpointAddress.remote;
  if (t.endpointName) return resolveName(world, cfg, t.endpointName.remote).address;
  return null;
}

/** MAP-E masquerade port ranges a config forces (`nat descriptor masquerade port range`) that leave the CE's port set. */
function rangesOutside(cfg: RtxConfig, natId: number, set: readonly PortRange[]): string[] {
  const ranges = cfg.natDescriptors[natId]?.portRanges?.ranges ?? [];
  const inside = (lo: number, hi: number): boolean => set.some(([start, end]) => lo >= start && hi <= end);
  return ranges.filter(([lo, hi]) => !inside(lo, hi)).map(([lo, hi]) => `${lo}-${hi}`);
}

function evaluateTunnel(
  t: TunnelConfig,
  cfg: RtxConfig,
  world: ScenarioWorld,
  src: PrefixSources,
  addresses: LanAddress[],
  prefixProblem: string | null,
  registration: Registration,
): TunnelWorld {
  const enc = t.encapsulation?.value === 'map-e' ? 'map-e' : t.encapsulation?.value === 'ipip' ? 'ipip' : 'other';
  const reasons: WorldReason[] = [];
  const enabled = t.enabled?.value === true;
  const nat = natFor(cfg, t);
  const base: TunnelWorld = {
    id: t.id, encapsulation: enc, up: false, canSend: false, local: null, remote: null, mape: null,
    natOuter: null, natDescriptor: nat.id, portRanges: null, receives: false, reasons,
  };
  if (!enabled) reasons.push(reason('tunnel-disabled', `tunnel ${t.id} is not enabled (tunnel enable ${t.id})`));
  const wantEnc = world.kind === 'map-e' ? 'map-e' : 'ipip';
  if (enc !== wantEnc) reasons.push(reason('wrong-encapsulation', `this line needs tunnel encapsulation ${wantEnc}, the config has ${t.encapsulation?.raw ?? 'none'}`));

  const prefixRef = cfg.ipv6Prefixes.map((p) => (p.source === 'static' ? null : resolvePrefixed(`${p.source}@${p.fromInterface ?? ''}${p.suffix}`, src))).find((x) => x);
  const anyGlobal = addresses[0]?.address ?? null;

  if (enc === 'map-e') {
    // The RTX computes MAP-E from the prefix its config takes from the line (`ipv6 prefix N …@lan2`, or a LAN
    // address built on it): with dhcp-prefix@ on an RA-only line there is nothing to compute from.
    const lanAddress = addresses.find((a) => a.interface !== world.wan);
    const ref = prefixRef ?? (lanAddress ? { address: lanAddress.address, length: lanAddress.prefixLength } : null);
    if (!ref) {
      reasons.push(reason('no-prefix', prefixProblem ?? 'the router has no IPv6 prefix from the line, so MAP-E has nothing to compute from'));
    } else {
      try {
        base.mape = calculateMapE(`${ref.address}/${Math.max(ref.length, 56)}`);
      } catch (err) {
        reasons.push(reason('mape-rule-unknown', err instanceof Error ? err.message : String(err)));
      }
    }
    const type = t.mapeType?.value ?? 'v6plus';
    if (world.mapeType && type !== world.mapeType) {
      reasons.push(reason('mape-type-mismatch', `tunnel map-e type ${type} does not follow this provider's rules (it needs ${world.mapeType})`));
      base.mape = null;
    }
    base.remote = t.endpointAddress?.remote ?? base.mape?.br ?? null;
    base.local = base.mape?.ceAddress ?? null;
    base.up = enabled && base.mape !== null;
    base.canSend = base.up;
    if (base.mape) {
      base.portRanges = base.mape.portRanges;
      if (nat.outer === 'map-e') base.natOuter = base.mape.ipv4;
    }
    if (base.up && nat.id === null) reasons.push(reason('nat-missing', `tunnel ${t.id} has no NAT descriptor: packets leave with private source addresses and the BR drops them`));
    else if (base.up && nat.outer !== 'map-e') reasons.push(reason('nat-outer-mismatch', `nat descriptor address outer ${nat.id} is ${nat.outer ?? 'unset'}, not map-e: the source is not this CE's MAP-E address and port set`));
    else if (base.up && nat.id !== null && base.mape) {
      const outside = rangesOutside(cfg, nat.id, base.mape.portRanges);
      if (outside.length) reasons.push(reason('ports-outside', `nat descriptor masquerade port range ${nat.id} uses ${outside.join(', ')}, outside this CE's port set: the BR drops those packets`));
    }
  } else {
    base.remote = remoteOf(t, world, cfg);
    if (!base.remote) {
      const why = t.endpointName ? resolveName(world, cfg, t.endpointName.remote).problem : null;
      reasons.push(
        reason(
          'no-endpoint',
          t.endpointName
            ? `tunnel endpoint name ${t.endpointName.remote} does not resolve${why === 'no-dns-server' ? ': the router has none of the line\'s DNS servers to ask (dns server dhcp ' + world.wan + ')' : ''}`
            : `tunnel ${t.id} has no tunnel endpoint address`,
        ),
      );
    }
    base.up = enabled && base.remote !== null && enc === 'ipip';
    if (world.kind === 'ipip-fixed' && world.fixedIp) {
      const fx = world.fixedIp;
      const expected = (src.pd ?? src.ra) ? fixedIpCeAddress((src.pd ?? src.ra)!, fx.interfaceId).ceAddress : null;
      const configuredLocal = t.endpointAddress?.local ?? t.endpointLocal?.value ?? null;
      const onLan = expected ? addresses.find((a) => sameIpv6(a.address, expected)) : undefined;
      base.local = configuredLocal ?? onLan?.address ?? anyGlobal;
      if (!expected) reasons.push(reason('no-prefix', prefixProblem ?? 'the router has no IPv6 prefix from the line'));
      else if (!onLan && !sameIpv6(configuredLocal, expected)) {
        reasons.push(reason('no-ce-address', `no interface has the CE address ${expected} (the /64 + interface ID ${fx.interfaceId} from the notice)`));
      } else if (configuredLocal && !sameIpv6(configuredLocal, expected)) {
        reasons.push(reason('ce-address-mismatch', `the tunnel sends from ${configuredLocal}, but the provider routes the fixed IP to ${expected}`));
      }
      if (nat.id === null) reasons.push(reason('nat-missing', `tunnel ${t.id} has no NAT descriptor: packets leave with private source addresses`));
      else if (nat.outer !== fx.ipv4) reasons.push(reason('nat-outer-mismatch', `nat descriptor address outer ${nat.id} is ${nat.outer ?? 'unset'}, not the fixed IPv4 ${fx.ipv4}`));
      base.natOuter = nat.outer;
      if (!registration.ok) {
        reasons.push(reason('not-registered', registration.attempted ? 'the update server refused the notification (NG), so the provider does not route the fixed IP to this CE' : 'the CE address was never notified to the update server'));
      }
      if (fx.providerSideBroken) reasons.push(reason('provider-side-broken', 'the provider does not route the fixed IP to this line even though the update server answered OK'));
    } else {
      base.local = t.endpointAddress?.local ?? anyGlobal;
      if (!base.local) reasons.push(reason('no-prefix', prefixProblem ?? 'the router has no global IPv6 address to send from'));
      base.natOuter = nat.outer;
    }
    base.canSend = base.up && base.local !== null;
  }

  if (base.remote && !sameIpv6(base.remote, world.br)) {
    reasons.push(reason('wrong-br', `the tunnel's remote end is ${base.remote}, but this line's ${world.kind === 'ds-lite' ? 'AFTR' : 'BR'} is ${world.br}`));
  }
  if (base.local) {
    const wanIf = cfg.interfaces[world.wan];
    const verdict = evaluateFilters(wanIf?.ipv6FilterIn ?? null, cfg.ipv6Filters, {
      family: 'ipv6', source: world.br, destination: hostPart(base.local), protocol: 4,
    });
    if (!verdict.pass) reasons.push(reason('protocol-4-filtered', filterDetail(verdict, world.wan)));
  }
  base.receives = base.canSend && reasons.length === 0;
  return base;
}

/**
 * The whole line's state. `macs` is the scenario's MAC range (`show environment`): LAN n uses the n-th MAC,
 * which gives the WAN's EUI-64 and link-local addresses.
 */
export function evaluateWorld(world: ScenarioWorld, cfg: RtxConfig, registration: Registration, macs: readonly string[]): WorldState {
  const { src, problem } = prefixSources(world, cfg);
  const addresses = configuredAddresses(cfg, src, world, interfaceMac(macs, world.wan));
  const tunnels = Object.values(cfg.tunnels)
    .filter((t) => t.encapsulation !== null || t.endpointAddress !== null)
    .map((t) => evaluateTunnel(t, cfg, world, src, addresses, problem, registration));
  const lan1 = cfg.interfaces.lan1?.ipAddress?.value ?? null;
  return {
    wan: world.wan,
    pdPrefix: src.pd,
    raPrefix: src.ra,
    prefixProblem: problem,
    addresses,
    tunnels,
    routerLanIpv4: lan1 && /^\d/.test(lan1) ? hostPart(lan1) : null,
  };
}

/**
 * Does an IPv4 reply addressed to the router itself get through the tunnel's secure filter in? RTX applies
 * inbound filters after undoing NAT, so the reply to the router's own (masqueraded) ping is seen with the
 * router's LAN1 address as destination. The twin's decision, see README.md in this folder.
 */
export function ipv4ReplyPasses(cfg: RtxConfig, tunnelId: number, from: string, to: string): FilterVerdict {
  const t = cfg.tunnels[tunnelId];
  return evaluateFilters(t?.ipFilterIn ?? null, cfg.ipFilters, { family: 'ipv4', source: from, destination: to, protocol: 1 });
}
