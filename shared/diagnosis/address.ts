/**
 * Address arithmetic the diagnosis shares (not a rule): comparing IPv6 addresses in one spelling, explaining a
 * typo next to the right address, and IPv4 network arithmetic for filters. Pure functions only.
 */
import { Address4, Address6 } from 'ip-address';
import type { Text } from './parts.js';

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

/** 2000::/3 and not documentation (2001:db8::/32): a prefix from a real line. */
export function isGlobalUnicast(address: string): boolean {
  try {
    const a = new Address6(address);
    const first = Number(a.bigInt() >> 112n);
    return first >= 0x2000 && first <= 0x3fff && !a.isInSubnet(new Address6('2001:db8::/32'));
  } catch {
    return false;
  }
}
