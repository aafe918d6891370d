/**
 * Helpers the RTX rules share (not a rule): address comparison and typo explanation, IPv4 network
 * arithmetic for filters, and the building blocks of RTX fix plans. Pure functions only.
 */
import { Address4, Address6 } from 'ip-address';
import type { DiagnosisContext } from '../context.js';
import { RTX_COMMANDS } from '../rtx-facts.js';
import { ipv4Tunnel, wanInterfaceOf } from '../service-context.js';
import type { Evidence, FixCheck, FixPlan, Text } from '../types.js';
import type { StaticFilter, TunnelConfig } from '../../rtx/config/types.js';

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? Math.max(a.length, b.length);
}

/** Up to this many edits, a wrong address next to the right one is explained as a typo. */
export const TYPO_DISTANCE = 2;

/** An IPv6 address in its canonical compressed form, or null when it is not one (a placeholder, a name). */
export function normalizeIpv6(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = text.trim().replace(/^\[(.*)\]$/, '$1');
  if (!t.includes(':')) return null;
  try {
    return new Address6(t).correctForm();
  } catch {
    return null;
  }
}

export function sameIpv6(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = normalizeIpv6(a);
  return x !== null && x === normalizeIpv6(b);
}

/** The 1-based groups (hextets) in which two IPv6 addresses differ, with both values, for explanations. */
export function hextetDiff(actual: string, expected: string): { group: number; actual: string; expected: string }[] {
  try {
    const a = new Address6(actual).parsedAddress;
    const e = new Address6(expected).parsedAddress;
    const out: { group: number; actual: string; expected: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const x = (a[i] ?? '0').replace(/^0+(?=.)/, '');
      const y = (e[i] ?? '0').replace(/^0+(?=.)/, '');
      if (x !== y) out.push({ group: i + 1, actual: x, expected: y });
    }
    return out;
  } catch {
    return [];
  }
}

/** "255 where 225 was expected (group 3)", in both languages, for a typo explanation. */
export function typoText(actual: string, expected: string): Text | null {
  const a = normalizeIpv6(actual) ?? actual.trim().toLowerCase();
  const e = normalizeIpv6(expected) ?? expected.trim().toLowerCase();
  const d = levenshtein(a, e);
  if (d === 0 || d > TYPO_DISTANCE) return null;
  const groups = normalizeIpv6(actual) && normalizeIpv6(expected) ? hextetDiff(actual, expected) : [];
  const where = groups.map((g) => ({
    ja: `第${g.group}グループが「${g.actual}」（正しくは「${g.expected}」）`,
    en: `group ${g.group} reads ${g.actual} where ${g.expected} is expected`,
  }));
  const n = d === 1 ? { ja: '1文字', en: 'one character' } : { ja: `${d}文字`, en: `${d} characters` };
  return {
    ja: `${a} は ${e} と${n.ja}だけ違います${where.length ? `（${where.map((w) => w.ja).join('、')}）` : ''}。打ち間違いと思われます。`,
    en: `${a} differs from ${e} by ${n.en}${where.length ? ` (${where.map((w) => w.en).join('; ')})` : ''}: this looks like a typo.`,
  };
}

/** An IPv4 network `a.b.c.d/len` (or a host) as [network, length], or null. */
export function ipv4Network(text: string): { network: bigint; length: number } | null {
  const t = text.trim();
  if (!/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(t) || !Address4.isValid(t)) return null;
  const a = new Address4(t);
  const length = a.subnetMask;
  const mask = length === 0 ? 0n : ((1n << BigInt(length)) - 1n) << BigInt(32 - length);
  return { network: a.bigInt() & mask, length };
}

/** Whether two IPv4 networks share any address. */
export function ipv4Overlaps(a: { network: bigint; length: number }, b: { network: bigint; length: number }): boolean {
  const len = Math.min(a.length, b.length);
  const mask = len === 0 ? 0n : ((1n << BigInt(len)) - 1n) << BigInt(32 - len);
  return (a.network & mask) === (b.network & mask);
}

/** RFC 1918 space: only private networks in a tunnel filter can be "someone else's LAN". */
export function isPrivateIpv4(n: { network: bigint; length: number }): boolean {
  const priv = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((p) => ipv4Network(p)!);
  return priv.some((p) => n.length >= p.length && ipv4Overlaps(n, p));
}

export function formatIpv4Network(n: { network: bigint; length: number }): string {
  return `${Address4.fromBigInt(n.network).correctForm()}/${n.length}`;
}

/** Evidence from `show config` lines. */
export function configEvidence(ctx: DiagnosisContext, lines: readonly number[]): Evidence {
  return ctx.evidence(RTX_COMMANDS.config, lines);
}

/** The exact text of a config line (without an inline comment): what an inverse must restore. */
export function configLine(ctx: DiagnosisContext, line: number | undefined): string {
  return line === undefined ? '' : ctx.rtx.lineText(RTX_COMMANDS.config, line);
}

/** The last line of a fact (a setting given twice takes the later value). */
export function lastLine(src: { lines: number[] } | null | undefined): number | undefined {
  return src ? src.lines[src.lines.length - 1] : undefined;
}

/**
 * An RTX fix plan. `commands` and `inverse` run in order; a tunnel-scoped change carries its own
 * `tunnel select N` so each list stands alone. Never `save`: saving follows verification.
 */
export function rtxPlan(commands: string[], inverse: string[], check: FixCheck, summary: Text): FixPlan {
  return { target: 'rtx', commands, inverse, check, summary };
}

export const tunnelRx = (tunnel: number): FixCheck => ({ kind: 'tunnel-rx', tunnel: String(tunnel) });

/** Restore a setting: its old line when it had one, else the `no` form that removes the new one. */
export function restoreOr(oldLine: string, noForm: string): string {
  return oldLine !== '' ? oldLine : noForm;
}

/** A filter ID not used by any IPv4 or IPv6 filter, near `preferred`. */
export function freeFilterId(used: Iterable<number>, preferred: number): number {
  const taken = new Set(used);
  for (let id = preferred; id < preferred + 1000; id++) if (!taken.has(id)) return id;
  return preferred + 1000;
}

/** A protocol field of a filter (`*`, `4`, `tcp,udp`, `icmp6`) allows protocol number 4 (IPv4-in-IPv6). */
export function protocolAllowsIpip(protocol: string): boolean {
  return protocol === '*' || protocol.split(',').some((p) => p === '4' || p === 'ipip' || p === 'ipv4');
}

/** Whether an IPv6 filter address field (`*`, an address, a prefix, a range) may match `address`. */
export function ipv6FieldMatches(field: string, address: string | null): boolean {
  if (field === '*' || field === '') return true;
  // Without a known address we cannot say the field excludes it: assume it matches (no false alarm).
  if (address === null) return true;
  let target: Address6;
  try {
    target = new Address6(address);
  } catch {
    return true;
  }
  return field.split(',').some((part) => {
    if (part.includes('-') && !part.includes('/')) {
      const [lo, hi] = part.split('-');
      try {
        const v = target.bigInt();
        return new Address6(lo ?? '').bigInt() <= v && v <= new Address6(hi ?? '').bigInt();
      } catch {
        return true;
      }
    }
    try {
      return target.isInSubnet(new Address6(part));
    } catch {
      return true;
    }
  });
}

/** The RTX tunnel carrying IPv4: the identified service's, else the config's own choice. */
export function rtxTunnel(ctx: DiagnosisContext): TunnelConfig | null {
  if (ctx.service?.tunnel) return ctx.service.tunnel;
  const cfg = ctx.rtx.config;
  return cfg ? ipv4Tunnel(cfg) : null;
}

/** The NGN-facing interface of the RTX config (`lan2`), or null. */
export function rtxWan(ctx: DiagnosisContext): string | null {
  if (ctx.service?.wanInterface) return ctx.service.wanInterface;
  const cfg = ctx.rtx.config;
  return cfg ? wanInterfaceOf(cfg) : null;
}

/** The last definition of a numbered filter (a later line replaces an earlier one on the router). */
export function filterById(filters: readonly StaticFilter[], id: number): StaticFilter | undefined {
  return filters.findLast((f) => f.id === id);
}

/** The LAN's IPv4 networks: `ip lanN address` of every interface but the WAN, plus the notice's LAN. */
export function lanNetworks(ctx: DiagnosisContext): { network: { network: bigint; length: number }; text: string; lines: number[] }[] {
  const out: { network: { network: bigint; length: number }; text: string; lines: number[] }[] = [];
  const cfg = ctx.rtx.config;
  const wan = rtxWan(ctx);
  for (const i of Object.values(cfg?.interfaces ?? {})) {
    if (i.name === wan || i.name.startsWith('pp') || !i.ipAddress) continue;
    const n = ipv4Network(i.ipAddress.value.split(/\s+/)[0] ?? '');
    if (n && n.length < 32) out.push({ network: n, text: formatIpv4Network(n), lines: i.ipAddress.lines });
  }
  const notice = ctx.input.notice?.lanIpv4 ? ipv4Network(ctx.input.notice.lanIpv4) : null;
  if (notice) out.push({ network: notice, text: formatIpv4Network(notice), lines: [] });
  return out;
}

/**
 * How to prove the IPv6 underlay works after a change: ping6 the expected BR when one is known, else a DNS
 * server the line handed out, else that a PD prefix appears.
 */
export function underlayCheck(ctx: DiagnosisContext): FixCheck {
  const br = ctx.service?.endpoint?.address;
  if (br) return { kind: 'ping', family: 6, target: br };
  const dns = ctx.rtx.dhcp6?.interfaces.flatMap((i) => i.dnsServers)[0]?.value;
  if (dns && normalizeIpv6(dns)) return { kind: 'ping', family: 6, target: dns };
  return { kind: 'output-contains', command: RTX_COMMANDS.dhcp6, text: 'prefix:' };
}

/** `ipv6 lan2 secure filter in 1 2 dynamic 3` from ids, as the router writes it. */
export function bindingLine(family: 'ip' | 'ipv6', scope: string, direction: 'in' | 'out', ids: readonly number[], dynamicIds: readonly number[]): string {
  const dyn = dynamicIds.length > 0 ? ` dynamic ${dynamicIds.join(' ')}` : '';
  return `${family} ${scope} secure filter ${direction} ${ids.join(' ')}${dyn}`;
}

/** Global IPv6 addresses `show ipv6 address` lists on one interface (`lan2`), with their evidence lines. */
export function globalAddressesOn(ctx: DiagnosisContext, iface: string | null): { address: string; lines: number[] }[] {
  const shown = ctx.rtx.ipv6Address;
  if (!shown) return [];
  return shown.interfaces
    .filter((i) => iface === null || i.interface.toLowerCase() === iface.toLowerCase())
    .flatMap((i) => i.addresses.filter((a) => a.scope === 'global').map((a) => ({ address: a.address, lines: a.lines })));
}
