/**
 * VyOS `show configuration commands` lines (`set interfaces tunnel tun0 remote '…'`), which users paste
 * instead of the live kernel state. Covers VyOS 1.3 and 1.4+ spellings of what MAP-E needs: the ipip6 tunnel,
 * interface addresses, source NAT rules with their translation ports, static routes, MSS and source validation.
 */
import type { Evidence, ParseOptions } from './evidence.js';
import type { PortRange } from './nft-model.js';
import { portRange } from './nft-rule-text.js';
import { cleanLines, toInt } from './text.js';

export interface VyosTunnel {
  name: string;
  /** `ipip6` (IPv4 in IPv6), `ip6ip6`, `gre` … */
  encapsulation: string | null;
  sourceAddress: string | null;
  remote: string | null;
  sourceInterface: string | null;
  addresses: string[];
  mtu: number | null;
  /** `parameters ipv6 encaplimit`; null when not set, which means VyOS's (and the kernel's) default 4. */
  encapLimit: number | 'none' | null;
  hopLimit: number | null;
  disabled: boolean;
  evidence: Evidence;
}

export interface VyosAddress {
  ifname: string;
  /** As configured: `2404:…/128`, `133.209.13.2/32`, `dhcp`, `dhcpv6`, `autoconf` (from `ipv6 address autoconf`). */
  address: string;
  evidence: Evidence;
}

export interface VyosNatRule {
  kind: 'source' | 'destination';
  number: number;
  /** `outbound-interface name 'mape'` (1.4+) or `outbound-interface 'mape'` (1.3). */
  outboundInterface: string | null;
  sourceAddress: string | null;
  sourcePort: string | null;
  /** As configured (`tcp_udp`, `tcp`, `icmp`, `all`); null when unset, which VyOS treats as all protocols. */
  protocol: string | null;
  /** `translation address`; `masquerade` is kept as written. */
  translationAddress: string | null;
  translationPort: string | null;
  /** The translation port as ranges (comma lists allowed); null when no port is set. */
  ports: PortRange[] | null;
  disabled: boolean;
  description: string | null;
  evidence: Evidence;
}

export interface VyosStaticRoute {
  family: 'inet' | 'inet6';
  destination: string;
  interface: string | null;
  nextHop: string | null;
  evidence: Evidence;
}

export interface VyosInterfaceSetting {
  ifname: string;
  value: string;
  evidence: Evidence;
}

export interface VyosConfigResult {
  tunnels: VyosTunnel[];
  addresses: VyosAddress[];
  natRules: VyosNatRule[];
  staticRoutes: VyosStaticRoute[];
  /** `ip source-validation` per interface (`*` for the 1.3 global `firewall source-validation`). */
  sourceValidation: VyosInterfaceSetting[];
  /** `ip adjust-mss` per interface (1.4) or `firewall options interface X adjust-mss` (1.3). */
  adjustMss: VyosInterfaceSetting[];
  unrecognised: number[];
}

/** Split a `set …` line into words; `'…'` quoting may hold spaces (descriptions). */
export function vyosWords(text: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'?|"([^"]*)"?|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

export function parseVyosConfig(output: string, opts: ParseOptions = {}): VyosConfigResult {
  const command = opts.command ?? 'show configuration commands';
  const r: VyosConfigResult = { tunnels: [], addresses: [], natRules: [], staticRoutes: [], sourceValidation: [], adjustMss: [], unrecognised: [] };
  const tunnels = new Map<string, VyosTunnel>();
  const nat = new Map<string, VyosNatRule>();

  for (const { line, text } of cleanLines(output, opts.firstLine)) {
    const t = text.trim();
    if (t === '') continue;
    const w = vyosWords(t);
    if (w[0] !== 'set') {
      r.unrecognised.push(line);
      continue;
    }
    const ev = (): Evidence => ({ command, lines: [line] });
    const [, a, b, c, d] = w;
    if (a === 'interfaces' && b !== undefined && c !== undefined) {
      let ifname = c;
      let rest = w.slice(4);
      // `set interfaces ethernet eth1 vif 100 address …` is eth1.100 to the kernel.
      if (rest[0] === 'vif' && rest[1] !== undefined) {
        ifname = `${c}.${rest[1]}`;
        rest = rest.slice(2);
      }
      if (b === 'tunnel') {
        let tun = tunnels.get(ifname);
        if (!tun) {
          tun = { name: ifname, encapsulation: null, sourceAddress: null, remote: null, sourceInterface: null, addresses: [], mtu: null, encapLimit: null, hopLimit: null, disabled: false, evidence: { command, lines: [] } };
          tunnels.set(ifname, tun);
          r.tunnels.push(tun);
        }
        tun.evidence.lines?.push(line);
        readTunnel(tun, rest);
      }
      if (rest[0] === 'address' && rest[1] !== undefined) r.addresses.push({ ifname, address: rest[1], evidence: ev() });
      else if (rest[0] === 'ipv6' && rest[1] === 'address' && rest[2] === 'autoconf') r.addresses.push({ ifname, address: 'autoconf', evidence: ev() });
      else if (rest[0] === 'ip' && rest[1] === 'source-validation' && rest[2] !== undefined) r.sourceValidation.push({ ifname, value: rest[2], evidence: ev() });
      else if (rest[0] === 'ip' && rest[1] === 'adjust-mss' && rest[2] !== undefined) r.adjustMss.push({ ifname, value: rest[2], evidence: ev() });
      continue;
    }
    if (a === 'nat' && (b === 'source' || b === 'destination') && c === 'rule' && d !== undefined) {
      const key = `${b}/${d}`;
      let rule = nat.get(key);
      if (!rule) {
        rule = { kind: b, number: toInt(d) ?? -1, outboundInterface: null, sourceAddress: null, sourcePort: null, protocol: null, translationAddress: null, translationPort: null, ports: null, disabled: false, description: null, evidence: { command, lines: [] } };
        nat.set(key, rule);
        r.natRules.push(rule);
      }
      rule.evidence.lines?.push(line);
      readNatRule(rule, w.slice(5));
      continue;
    }
    if (a === 'protocols' && b === 'static' && (c === 'route' || c === 'route6') && d !== undefined) {
      const rest = w.slice(5);
      const route: VyosStaticRoute = { family: c === 'route6' ? 'inet6' : 'inet', destination: d, interface: null, nextHop: null, evidence: ev() };
      if (rest[0] === 'interface') route.interface = rest[1] ?? null;
      else if (rest[0] === 'next-hop') {
        route.nextHop = rest[1] ?? null;
        if (rest[2] === 'interface') route.interface = rest[3] ?? null;
      } else if (rest[0] === 'dhcp-interface') route.interface = rest[1] ?? null;
      else continue;
      r.staticRoutes.push(route);
      continue;
    }
    if (a === 'firewall' && b === 'source-validation' && c !== undefined) {
      r.sourceValidation.push({ ifname: '*', value: c, evidence: ev() });
      continue;
    }
    if (a === 'firewall' && b === 'options' && c === 'interface' && d !== undefined && w[5] === 'adjust-mss' && w[6] !== undefined) {
      r.adjustMss.push({ ifname: d, value: w[6], evidence: ev() });
      continue;
    }
    // Other `set` lines are valid VyOS configuration that diagnosis does not look at.
  }
  return r;
}

function readTunnel(tun: VyosTunnel, rest: string[]): void {
  const [k, v] = rest;
  if (k === 'encapsulation') tun.encapsulation = v ?? null;
  else if (k === 'source-address' || k === 'local-ip') tun.sourceAddress = v ?? null;
  else if (k === 'remote' || k === 'remote-ip') tun.remote = v ?? null;
  else if (k === 'source-interface') tun.sourceInterface = v ?? null;
  else if (k === 'address' && v !== undefined) tun.addresses.push(v);
  else if (k === 'mtu') tun.mtu = toInt(v);
  else if (k === 'disable') tun.disabled = true;
  else if (k === 'parameters' && v === 'ipv6') {
    const [, , key, val] = rest;
    if (key === 'encaplimit') tun.encapLimit = val === 'none' ? 'none' : toInt(val);
    else if (key === 'hoplimit') tun.hopLimit = toInt(val);
  }
}

function readNatRule(rule: VyosNatRule, rest: string[]): void {
  const [k, v, x] = rest;
  if (k === 'outbound-interface') rule.outboundInterface = v === 'name' ? (x ?? null) : (v ?? null);
  else if (k === 'source' && v === 'address') rule.sourceAddress = x ?? null;
  else if (k === 'source' && v === 'port') rule.sourcePort = x ?? null;
  else if (k === 'protocol') rule.protocol = v ?? null;
  else if (k === 'translation' && v === 'address') rule.translationAddress = x ?? null;
  else if (k === 'translation' && v === 'port' && x !== undefined) {
    rule.translationPort = x;
    const ranges = x.split(',').map((p) => portRange(p));
    rule.ports = ranges.every((p) => p !== null) ? (ranges as PortRange[]) : [];
  } else if (k === 'disable') rule.disabled = true;
  else if (k === 'description') rule.description = v ?? null;
}

/** The protocols a VyOS NAT rule applies to; null = all (VyOS's default when `protocol` is unset or `all`). */
export function vyosProtocols(protocol: string | null): string[] | null {
  if (protocol === null || protocol === 'all') return null;
  if (protocol === 'tcp_udp') return ['tcp', 'udp'];
  return [protocol.toLowerCase()];
}

/** `ip source-validation` as an rp_filter value. */
export function sourceValidationToRpFilter(value: string): number | null {
  return value === 'strict' ? 1 : value === 'loose' ? 2 : value === 'disable' ? 0 : null;
}
