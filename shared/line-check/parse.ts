/** Reading what the line check's probes print (iproute2 JSON, rdisc6, ping): pure, so the unit tests feed text. */
import { parseIpAddrJson } from '../linux/ip-addr.js';
import { isGlobalUnicast } from '../diagnosis/address.js';
import type { GlobalAddress } from './types.js';

/** Global IPv6 addresses (not tentative, not failed DAD) of `ip -j addr show`. */
export function globalIpv6(output: string): GlobalAddress[] {
  return parseIpAddrJson(output, { command: 'ip -j -p addr show' })
    .addresses.filter((a) => a.family === 'inet6' && a.scope === 'global' && isGlobalUnicast(a.address) && !a.flags.includes('tentative') && !a.flags.includes('dadfailed'))
    .map((a) => ({ ifname: a.ifname, address: a.address, prefixLength: a.prefixLength }));
}

export interface DefaultRoute {
  gateway: string | null;
  dev: string | null;
  protocol: string | null;
}

/** The first default route of `ip -j [-6] route show default`. */
export function defaultRoute(output: string): DefaultRoute | null {
  let data: unknown;
  try {
    data = JSON.parse(output.trim() || '[]');
  } catch {
    return null;
  }
  if (!Array.isArray(data)) return null;
  const r = data.find((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && (x as Record<string, unknown>).dst === 'default');
  if (!r) return null;
  const s = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : null);
  return { gateway: s('gateway'), dev: s('dev'), protocol: s('protocol') };
}

/** `rdisc6` output: the advertising router and the RDNSS servers of its Router Advertisement. */
export function parseRdisc6(output: string): { from: string | null; rdnss: string[] } {
  const rdnss = [...output.matchAll(/^\s*Recursive DNS server\s*:\s*(\S+)/gm)].map((m) => m[1]!);
  const from = /^\s*from\s+(\S+)/m.exec(output)?.[1] ?? null;
  return { from, rdnss: [...new Set(rdnss)] };
}

/** `ping` output: whether any reply came, and the average round trip. */
export function parsePing(output: string, exitCode: number): { ok: boolean; rttMs: number | null } {
  const received = Number(/(\d+) (?:packets )?received/.exec(output)?.[1] ?? '0');
  const avg = /= [\d.]+\/([\d.]+)\//.exec(output)?.[1];
  return { ok: exitCode === 0 && received > 0, rttMs: avg ? Number(avg) : null };
}

/** `ping -M do` told us the path MTU (Linux: `mtu=1460` or `(mtu = 1460)`). */
export function pmtuHint(output: string): number | null {
  const m = /mtu ?= ?(\d+)/i.exec(output);
  return m ? Number(m[1]) : null;
}

/** IPv4 `nameserver` lines of resolv.conf, without loopback stubs. */
export function ipv4Nameservers(resolvConf: string): string[] {
  return [...resolvConf.matchAll(/^nameserver\s+(\d+\.\d+\.\d+\.\d+)\s*$/gm)].map((m) => m[1]!).filter((a) => !a.startsWith('127.'));
}
