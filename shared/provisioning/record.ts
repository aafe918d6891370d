/**
 * What one HB46PP look-up found, as data the plan, the diagnosis and the report keep (JSON-safe): the server, the
 * answer or the failure, and when to ask again. And what the line takes from it: MAP-E rule and BR, the DS-Lite
 * AFTR, the IPIP endpoints. The answer is authoritative when there is one; otherwise the catalog is the fallback,
 * and every user of this says which one it used.
 */
import { say, type Message } from '../i18n/message.js';
import { calculateMapEWithRule, CalcInputError, type MapEResult } from '../mape/index.js';
import { parseRule, type MapRule } from '../mape/rule.js';
import { parseIpv6Input, prefixMask } from '../mape/ipv6-input.js';
import type { Encapsulation } from '../services/index.js';
import { retryWindow } from './hb46pp.js';
import { formatHttpUrl, parseHttpUrl } from './url.js';
import type { Hb46ppAnswer, Hb46ppFailure, Hb46ppIpip, Hb46ppMethod, Hb46ppServer } from './types.js';

export interface ProvisioningRecord {
  /** ISO time of the answer or the failure. */
  at: string;
  /** The line DNS server that answered the TXT question, when one did. */
  dnsServer: string | null;
  server: Hb46ppServer | null;
  /** Where the GET went, in order (redirects), without the query (the token identifies the CPE). */
  chain: string[];
  answer: Hb46ppAnswer | null;
  failure: Hb46ppFailure | null;
  /** When to ask again, seconds [min, max] (spec §3.6). */
  retryAfterSeconds: [number, number];
}

export function provisioningRecord(parts: Omit<ProvisioningRecord, 'retryAfterSeconds' | 'at'> & { at?: Date }): ProvisioningRecord {
  const { at, ...rest } = parts;
  const retryAfterSeconds = parts.answer ? retryWindow({ answer: parts.answer }) : retryWindow({ failure: parts.failure ?? { code: 'dns-failure', detail: say('hb46pp.failure.dns-failure', { why: '' }) } });
  return { ...rest, at: (at ?? new Date()).toISOString(), retryAfterSeconds };
}

/** The URL without its query, for people and reports. */
export function withoutQuery(url: string): string {
  const u = parseHttpUrl(url);
  return u ? formatHttpUrl({ ...u, query: '' }) : url.replace(/\?.*$/, '');
}

/** Where the provider's answer came from, for messages: the server (without query). */
function serverName(record: ProvisioningRecord): string {
  return withoutQuery(record.chain[record.chain.length - 1] ?? record.server?.url ?? '');
}

/** The HB46PP method that carries a service's encapsulation. */
export const METHOD_OF: Record<Encapsulation, Hb46ppMethod> = { 'map-e': 'map_e', 'ds-lite': 'dslite', ipip: 'ipip' };

/** The provider's MAP rules, parsed (providerId 'custom': they are the provider's, not the built-in table's). */
export function provisionedRules(answer: Hb46ppAnswer): MapRule[] {
  if (!answer.mapE) return [];
  const br = answer.mapE.br;
  return answer.mapE.rules.map((r) => parseRule({ ipv6Prefix: r.ipv6, ipv4Prefix: r.ipv4, eaLength: r.eaLength, psidOffset: r.psidOffset, br }));
}

/** MAP-E for a prefix from the provider's rules (longest match), or null when none of them covers it. */
export function provisionedMapE(answer: Hb46ppAnswer, prefix: string): MapEResult | null {
  let value: bigint;
  try {
    value = parseIpv6Input(prefix).value;
  } catch {
    return null;
  }
  const rule = provisionedRules(answer)
    .filter((r) => (value & prefixMask(r.ipv6Length)) === r.ipv6Network)
    .sort((a, b) => b.ipv6Length - a.ipv6Length)[0];
  if (!rule) return null;
  try {
    return calculateMapEWithRule(prefix, rule, { ifaceId: answer.mapE?.version === 1 ? 'rfc7597' : 'draft03' });
  } catch (err) {
    if (err instanceof CalcInputError) return null;
    throw err;
  }
}

/** What the line takes from an answer for one encapsulation; null: the answer does not offer it. */
export type Provisioned =
  | { method: 'map_e'; br: string; rules: MapRule[]; mapE: MapEResult | null }
  | { method: 'dslite'; aftr: string }
  | { method: 'ipip'; tunnel: Hb46ppIpip };

export function provisionedFor(answer: Hb46ppAnswer, encapsulation: Encapsulation, prefix: string | null): Provisioned | null {
  const method = METHOD_OF[encapsulation];
  if (!answer.order.includes(method)) return null;
  if (method === 'map_e' && answer.mapE) return { method, br: answer.mapE.br, rules: provisionedRules(answer), mapE: prefix ? provisionedMapE(answer, prefix) : null };
  if (method === 'dslite' && answer.dslite) return { method, aftr: answer.dslite.aftr };
  if (method === 'ipip' && answer.ipip[0]) return { method, tunnel: answer.ipip[0] };
  return null;
}

/**
 * One sentence on what the provisioning gave for an encapsulation (or why the catalog is used instead): the plan,
 * the line identity and the report say the same thing.
 */
export function provisioningSays(record: ProvisioningRecord | null, encapsulation: Encapsulation, prefix: string | null): Message {
  if (!record) return say('hb46pp.notAsked');
  if (!record.answer) return say('hb46pp.fallback', { why: record.failure?.detail ?? say('hb46pp.failure.dns-failure', { why: '' }) });
  const p = provisionedFor(record.answer, encapsulation, prefix);
  const server = serverName(record);
  if (!p) return say('hb46pp.notOffered', { server, method: METHOD_OF[encapsulation], offered: record.answer.order.join(', ') });
  if (p.method === 'map_e') {
    if (!p.mapE) return say('hb46pp.noRuleForPrefix', { server, prefix: prefix ?? '?', rules: p.rules.map((r) => r.ipv6Prefix).join(', ') });
    return say('hb46pp.usedMapE', { server, br: p.br, rule: `${p.mapE.rule.ipv6Prefix} → ${p.mapE.rule.ipv4Prefix}` });
  }
  if (p.method === 'dslite') return say('hb46pp.usedAftr', { server, aftr: p.aftr });
  return say('hb46pp.usedIpip', { server, remote: p.tunnel.ipv6Remote, local: p.tunnel.ipv6Local, ipv4: p.tunnel.ipv4 });
}
