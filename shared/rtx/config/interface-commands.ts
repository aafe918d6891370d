/**
 * `ip IF …` / `ipv6 IF …` settings, shared by LAN/bridge/pp interfaces and by tunnels (where IF is the
 * word `tunnel` and the tunnel is the one selected). Returns false when the setting is not modelled.
 */
import { intOf } from '../text.js';
import type { FilterBinding, InterfaceConfig, TunnelConfig } from './types.js';

export type Family = 'ipv4' | 'ipv6';

/** `in 200030 200031 dynamic 200080 200081` → ids and dynamic ids; non-numbers are ignored. */
export function filterBinding(words: string[], line: number): FilterBinding {
  const ids: number[] = [];
  const dynamicIds: number[] = [];
  let dynamic = false;
  for (const w of words) {
    if (w === 'dynamic') dynamic = true;
    else {
      const n = intOf(w);
      if (n !== null) (dynamic ? dynamicIds : ids).push(n);
    }
  }
  return { ids, dynamicIds, lines: [line] };
}

type Common = Pick<
  InterfaceConfig & TunnelConfig,
  'ipFilterIn' | 'ipFilterOut' | 'ipv6FilterIn' | 'ipv6FilterOut' | 'natDescriptors' | 'mtu' | 'ipAddress'
> & { tcpMssLimit?: TunnelConfig['tcpMssLimit'] };

/** Settings both interfaces and tunnels have. `rest` is what follows `ip IF` / `ipv6 IF`. */
export function applyCommon(target: Common, family: Family, rest: string[], line: number): boolean {
  const [a, b, c] = rest;
  if (a === 'secure' && b === 'filter' && (c === 'in' || c === 'out')) {
    const binding = filterBinding(rest.slice(3), line);
    if (family === 'ipv4') target[c === 'in' ? 'ipFilterIn' : 'ipFilterOut'] = binding;
    else target[c === 'in' ? 'ipv6FilterIn' : 'ipv6FilterOut'] = binding;
    return true;
  }
  if (a === 'nat' && b === 'descriptor' && family === 'ipv4') {
    const ids = rest.slice(2).map(intOf).filter((n): n is number => n !== null);
    target.natDescriptors = { ids, lines: [line] };
    return true;
  }
  if (a === 'mtu') {
    const n = intOf(b);
    if (n === null) return false;
    // The IPv4 MTU is the one that matters for IPv4-over-IPv6; an `ipv6 … mtu` only fills a gap.
    if (family === 'ipv4' || target.mtu === null) target.mtu = { value: n, lines: [line] };
    return true;
  }
  if (a === 'tcp' && b === 'mss' && c === 'limit' && family === 'ipv4') {
    const v = rest[3];
    const n = intOf(v);
    if (v === 'auto' || n !== null) {
      target.tcpMssLimit = { value: n ?? 'auto', lines: [line] };
      return true;
    }
    return false;
  }
  if (a === 'address' && b !== undefined && family === 'ipv4') {
    target.ipAddress = { value: rest.slice(1).join(' '), lines: [line] };
    return true;
  }
  return false;
}

/** Settings only LAN-like interfaces have (IPv6 addressing, DHCPv6, RA). */
export function applyInterface(iface: InterfaceConfig, family: Family, rest: string[], line: number): boolean {
  if (applyCommon(iface, family, rest, line)) return true;
  if (family !== 'ipv6') return false;
  const [a, b, c, d] = rest;
  if (a === 'address' && b !== undefined) {
    iface.ipv6Addresses.push({ value: rest.slice(1).join(' '), lines: [line] });
    return true;
  }
  if (a === 'prefix' && b === 'change' && c === 'log' && (d === 'on' || d === 'off')) {
    iface.prefixChangeLog = { on: d === 'on', lines: [line] };
    return true;
  }
  if (a === 'dhcp' && b === 'service' && (c === 'client' || c === 'server')) {
    iface.dhcp6Service = { role: c, informationRequest: rest.slice(3).includes('ir=on'), lines: [line] };
    return true;
  }
  if (a === 'rtadv' && b === 'send') {
    const prefixIds: number[] = [];
    const options: string[] = [];
    for (const w of rest.slice(2)) {
      const n = intOf(w);
      if (n !== null) prefixIds.push(n);
      else options.push(w);
    }
    iface.rtadv = { prefixIds, options, lines: [line] };
    return true;
  }
  return false;
}
