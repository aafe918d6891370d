import { Address4, Address6 } from 'ip-address';
import { say, type Message } from '../i18n/message.js';
import { CalcInputError } from './errors.js';
import type { MapEProviderId } from './rules-data.js';

/** The rule as it is shown to people and in `calc --json` (RFC 7597 Basic Mapping Rule). */
export interface MapRuleSummary {
  ipv6Prefix: string;
  ipv4Prefix: string;
  eaLength: number;
  psidLength: number;
  psidOffset: number;
}

/** A parsed Basic Mapping Rule, ready for arithmetic. */
export interface MapRule extends MapRuleSummary {
  /** Catalog id of the provider, or 'custom' for a rule supplied by the caller. */
  providerId: MapEProviderId | 'custom';
  /** Rule IPv6 prefix as a 128-bit value (host bits zero) and its length r. */
  ipv6Network: bigint;
  ipv6Length: number;
  /** Rule IPv4 prefix as a 32-bit value and its length p. */
  ipv4Network: number;
  ipv4Length: number;
  /** The BR (tunnel remote) for CEs under this rule, or null when the caller did not give one. */
  br: string | null;
}

/** What a caller passes to use a rule that is not in the table (RFC examples, new provider rules). */
export interface MapRuleSpec {
  ipv6Prefix: string;
  ipv4Prefix: string;
  eaLength: number;
  psidOffset: number;
  /** Derived from the EA length when omitted; checked against it when given. */
  psidLength?: number;
  br?: string | null;
  providerId?: MapEProviderId | 'custom';
}

/** Parses and checks a rule; throws `invalid-rule` naming the inconsistency. */
export function parseRule(spec: MapRuleSpec): MapRule {
  const bad = (why: Message): never => {
    throw new CalcInputError('invalid-rule', say('msg.calc.invalidRule', { ipv6Prefix: spec.ipv6Prefix, ipv4Prefix: spec.ipv4Prefix, why }));
  };
  let v6: Address6;
  let v4: Address4;
  try {
    v6 = new Address6(spec.ipv6Prefix);
    v4 = new Address4(spec.ipv4Prefix);
  } catch {
    return bad(say('msg.calc.rule.syntax'));
  }
  const r = v6.subnetMask;
  const p = v4.subnetMask;
  const o = spec.eaLength;
  const a = spec.psidOffset;
  if (!Number.isInteger(o) || o < 0 || o > 48) bad(say('msg.calc.rule.eaRange', { ea: o }));
  if (!Number.isInteger(a) || a < 0 || a > 15) bad(say('msg.calc.rule.offsetRange', { offset: a }));
  if (r + o > 64) bad(say('msg.calc.rule.past64', { end: r + o }));
  // o < 32-p would delegate an IPv4 prefix rather than an address; no Japanese service does that.
  const k = o - (32 - p);
  if (k < 0) bad(say('msg.calc.rule.eaShort', { ea: o, suffix: 32 - p }));
  if (spec.psidLength !== undefined && spec.psidLength !== k) {
    bad(say('msg.calc.rule.psidMismatch', { psid: spec.psidLength, ea: o, p, k }));
  }
  if (a + k > 16) bad(say('msg.calc.rule.portBits', { offset: a, k }));
  const hostBits = (1n << BigInt(128 - r)) - 1n;
  const ipv6Network = v6.bigInt() & ~hostBits;
  const ipv4Network = Number(v4.bigInt() & ~((1n << BigInt(32 - p)) - 1n));
  return {
    providerId: spec.providerId ?? 'custom',
    ipv6Prefix: `${Address6.fromBigInt(ipv6Network).correctForm()}/${r}`,
    ipv4Prefix: `${Address4.fromBigInt(BigInt(ipv4Network)).correctForm()}/${p}`,
    eaLength: o,
    psidLength: k,
    psidOffset: a,
    ipv6Network,
    ipv6Length: r,
    ipv4Network,
    ipv4Length: p,
    br: spec.br ?? null,
  };
}

export function ruleSummary(rule: MapRule): MapRuleSummary {
  const { ipv6Prefix, ipv4Prefix, eaLength, psidLength, psidOffset } = rule;
  return { ipv6Prefix, ipv4Prefix, eaLength, psidLength, psidOffset };
}

/** "240b:12::/31 → 14.8.0.0/15" – the one-line form used in tables and messages. */
export function ruleLabel(rule: MapRuleSummary): string {
  return `${rule.ipv6Prefix} → ${rule.ipv4Prefix}`;
}
