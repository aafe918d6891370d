/**
 * Evaluating RTX static filters against one packet, the way a secure filter list is applied: filters in the
 * order they are listed, first match decides, and a packet that matches none is discarded. An interface
 * with no list passes everything.
 */
import { Address4, Address6 } from 'ip-address';
import type { FilterBinding, StaticFilter } from '../../../shared/rtx/config/types.js';

export interface Packet {
  family: 'ipv4' | 'ipv6';
  source: string;
  destination: string;
  /** IANA number: 1 icmp, 4 IPv4-in-IPv6, 6 tcp, 17 udp, 58 icmp6. */
  protocol: number;
}

export interface FilterVerdict {
  pass: boolean;
  /** The filter that decided, or null (no list, or nothing matched). */
  filter: StaticFilter | null;
  /** No secure filter list at all on that direction. */
  unfiltered: boolean;
}

const PROTOCOL_NAMES: Record<string, number[]> = {
  icmp: [1],
  icmp6: [58],
  'icmp-error': [1],
  'icmp-info': [1],
  tcp: [6],
  udp: [17],
  'tcp,udp': [6, 17],
  ipip: [4],
  gre: [47],
  esp: [50],
  ah: [51],
};

function protocolMatches(spec: string, protocol: number): boolean {
  if (spec === '*') return true;
  return spec.split(',').some((p) => (/^\d+$/.test(p) ? Number(p) === protocol : (PROTOCOL_NAMES[p] ?? []).includes(protocol)));
}

function toValue(family: 'ipv4' | 'ipv6', text: string): bigint | null {
  try {
    return family === 'ipv4' ? new Address4(text).bigInt() : new Address6(text).bigInt();
  } catch {
    return null;
  }
}

/** `*`, an address, a prefix (`192.168.100.0/24`), a range (`a-b`) or a comma list of those. */
export function addressMatches(family: 'ipv4' | 'ipv6', spec: string, address: string): boolean {
  if (spec === '*') return true;
  const value = toValue(family, address);
  if (value === null) return false;
  return spec.split(',').some((part) => {
    const range = /^([^-]+)-([^-]+)$/.exec(part);
    if (range) {
      const lo = toValue(family, range[1]!);
      const hi = toValue(family, range[2]!);
      return lo !== null && hi !== null && value >= lo && value <= hi;
    }
    try {
      if (family === 'ipv4') {
        const net = new Address4(part);
        return new Address4(address).isInSubnet(net);
      }
      const net = new Address6(part);
      return new Address6(address).isInSubnet(net);
    } catch {
      return false;
    }
  });
}

function filterMatches(f: StaticFilter, p: Packet): boolean {
  return (
    addressMatches(p.family, f.source, p.source) &&
    addressMatches(p.family, f.destination, p.destination) &&
    protocolMatches(f.protocol, p.protocol)
  );
}

/** Apply a secure filter list (`… secure filter in 200030 200031 …`) to a packet. */
export function evaluateFilters(binding: FilterBinding | null, filters: readonly StaticFilter[], p: Packet): FilterVerdict {
  if (!binding || binding.ids.length === 0) return { pass: true, filter: null, unfiltered: true };
  for (const id of binding.ids) {
    const f = filters.find((x) => x.id === id && x.family === p.family);
    if (!f || !filterMatches(f, p)) continue;
    return { pass: f.action.startsWith('pass') || f.action.startsWith('restrict'), filter: f, unfiltered: false };
  }
  return { pass: false, filter: null, unfiltered: false };
}

/** `192.168.182.1/24` → `192.168.182.1`. */
export function hostPart(addr: string): string {
  return addr.replace(/\/\d+$/, '');
}

export function sameIpv6(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  try {
    return new Address6(hostPart(a)).bigInt() === new Address6(hostPart(b)).bigInt();
  } catch {
    return false;
  }
}
