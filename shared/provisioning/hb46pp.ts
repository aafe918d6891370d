/**
 * HB46PP, pure: the TXT record, the request URL and the JSON answer, each checked against the spec
 * (v6pc/v6mig-prov spec.md v1.1 §3.1, §3.3, §3.4). The I/O (DNS, HTTP) is main/provisioning/.
 */
import { Address6 } from 'ip-address';
import { say, type Message } from '../i18n/message.js';
import { CalcInputError, parseRule } from '../mape/index.js';
import { formatHttpUrl, parseHttpUrl, withParams } from './url.js';
import { HB46PP_METHODS, type Hb46ppAnswer, type Hb46ppCapability, type Hb46ppFailure, type Hb46ppIpip, type Hb46ppMapE, type Hb46ppMethod, type Hb46ppServer } from './types.js';

/** The name whose TXT record points at the provisioning server. */
export const HB46PP_TXT_NAME = '4over6.info';
/** The reference client follows at most this many redirects (307 + Location). */
export const HB46PP_MAX_REDIRECTS = 5;
/** ttl must not exceed 7 days. */
export const HB46PP_MAX_TTL = 604_800;

export class Hb46ppError extends Error {
  override name = 'Hb46ppError';
  constructor(readonly failure: Hb46ppFailure) {
    super(failure.code);
  }
}

export function hb46ppFailure(code: Hb46ppFailure['code'], params: Record<string, string | number> = {}): Hb46ppFailure {
  return { code, detail: say(`hb46pp.failure.${code}`, params) };
}

const fail = (code: Hb46ppFailure['code'], params: Record<string, string | number> = {}): never => {
  throw new Hb46ppError(hb46ppFailure(code, params));
};

/**
 * The server from the TXT records of 4over6.info. The spec allows one record; the first `v=v6mig-1` one is used.
 * http must say t=a (there is no certificate to verify).
 */
export function parseTxtRecords(records: readonly string[]): Hb46ppServer {
  const ours = records.map((r) => r.trim()).filter((r) => /(^|\s)v=v6mig-1(\s|$)/.test(r));
  const record = ours[0];
  if (!record) return fail('txt-invalid', { record: records.join(' | ') || '(empty)' });
  const field = (k: string) => new RegExp(`(?:^|\\s)${k}=(\\S+)`).exec(record)?.[1];
  const url = field('url');
  const t = field('t');
  const parsed = url ? parseHttpUrl(url) : null;
  if (!parsed || (t !== 'a' && t !== 'b') || (parsed.scheme === 'http' && t === 'b')) return fail('txt-invalid', { record });
  return { url: formatHttpUrl(parsed), verifyCertificate: t === 'b', record };
}

/** What the CPE says of itself (spec §3.3). */
export interface CpeIdentity {
  /** 6 hex digits (an OUI), optionally `-` and up to 24 of [0-9A-Za-z_]. */
  vendorId: string;
  /** ≤ 32 of [A-Za-z0-9_-]. */
  product: string;
  /** [0-9_]{1,32}: the version with `_` for `.`. */
  version: string;
  capabilities: readonly Hb46ppCapability[];
}

export interface RequestExtras {
  /** The token the server gave last time (64 lowercase hex). */
  token?: string | null;
  /** Only over https with t=b (spec §3.3), else never sent. */
  credentials?: { user: string; pass: string } | null;
}

/** A version string in the spec's form: `0.1.0` → `0_1_0`. */
export function hb46ppVersion(version: string): string {
  return version.replace(/\./g, '_').replace(/[^0-9_]/g, '').slice(0, 32) || '0';
}

/** The GET URL: the server's URL with the spec's parameters added (unknown ones are ignored by servers). */
export function requestUrl(server: Hb46ppServer, cpe: CpeIdentity, extras: RequestExtras = {}): string {
  if (!/^[0-9a-fA-F]{6}(-[0-9A-Za-z_]{1,24})?$/.test(cpe.vendorId)) throw new Error(`vendorid "${cpe.vendorId}" is not OUI[-code]`);
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(cpe.product)) throw new Error(`product "${cpe.product}" is not [A-Za-z0-9_-]{1,32}`);
  if (!/^[0-9_]{1,32}$/.test(cpe.version)) throw new Error(`version "${cpe.version}" is not [0-9_]{1,32}`);
  const u = parseHttpUrl(server.url);
  if (!u) throw new Error(`not an http(s) URL: ${server.url}`);
  const params: [string, string][] = [
    ['vendorid', cpe.vendorId.toLowerCase()],
    ['product', cpe.product],
    ['version', cpe.version],
    ['capability', cpe.capabilities.join(',')],
  ];
  if (extras.token && /^[0-9a-f]{64}$/.test(extras.token)) params.push(['token', extras.token]);
  const c = extras.credentials;
  if (c && u.scheme === 'https' && server.verifyCertificate) params.push(['user', c.user], ['pass', c.pass]);
  return formatHttpUrl(withParams(u, params));
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ipv6Text(v: Json | undefined, where: string): string {
  if (typeof v !== 'string') return fail('malformed', { why: `${where} is not a string` });
  try {
    const a = new Address6(v);
    if (a.subnetMask !== 128) return fail('malformed', { why: `${where} is a prefix, not an address: ${v}` });
    return a.correctForm();
  } catch {
    return fail('malformed', { why: `${where} is not an IPv6 address: ${v}` });
  }
}

/** An FQDN (letters, digits, hyphens, dots) or an IPv6 address. */
function hostText(v: Json | undefined, where: string): string {
  if (typeof v !== 'string' || v.trim() === '') return fail('malformed', { why: `${where} is not a string` });
  const t = v.trim().replace(/\.$/, '');
  if (t.includes(':')) return ipv6Text(t, where);
  if (!/^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/.test(t)) return fail('malformed', { why: `${where} is neither an FQDN nor an IPv6 address: ${v}` });
  return t.toLowerCase();
}

function mapE(v: Json, warnings: Message[]): Hb46ppMapE {
  if (!isObject(v)) return fail('malformed', { why: 'map_e is not an object' });
  const version = v.version === undefined || v.version === null ? 0 : v.version;
  if (version !== 0 && version !== 1) return fail('malformed', { why: `map_e.version ${JSON.stringify(v.version)} is neither 0 nor 1` });
  const br = ipv6Text(v.br, 'map_e.br');
  if (!Array.isArray(v.rules) || v.rules.length === 0) return fail('malformed', { why: 'map_e.rules is not a list of rules' });
  if (v.rules.length > 256) warnings.push(say('hb46pp.warn.manyRules', { count: v.rules.length }));
  const rules = v.rules.map((r, i) => {
    const where = `map_e.rules[${i}]`;
    if (!isObject(r) || typeof r.ipv6 !== 'string' || typeof r.ipv4 !== 'string' || typeof r.ea_length !== 'number' || typeof r.psid_offset !== 'number') {
      return fail('malformed', { why: `${where} needs ipv6, ipv4, ea_length and psid_offset` });
    }
    try {
      parseRule({ ipv6Prefix: r.ipv6, ipv4Prefix: r.ipv4, eaLength: r.ea_length, psidOffset: r.psid_offset });
    } catch (err) {
      if (err instanceof CalcInputError) return fail('malformed', { why: `${where}: ${err.message}` });
      throw err;
    }
    return { ipv6: r.ipv6, ipv4: r.ipv4, eaLength: r.ea_length, psidOffset: r.psid_offset };
  });
  return { version, mesh: v.mesh === true || v.mesh === 1, br, rules };
}

function ipip(v: Json): Hb46ppIpip[] {
  if (!Array.isArray(v)) return fail('malformed', { why: 'ipip is not a list' });
  return v.map((e, i) => {
    const where = `ipip[${i}]`;
    if (!isObject(e)) return fail('malformed', { why: `${where} is not an object` });
    const ipv4 = typeof e.ipv4 === 'string' && /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(e.ipv4.trim()) ? e.ipv4.trim() : fail('malformed', { why: `${where}.ipv4 is not an IPv4 address` });
    return { ipv6Local: ipv6Text(e.ipv6_local, `${where}.ipv6_local`), ipv6Remote: ipv6Text(e.ipv6_remote, `${where}.ipv6_remote`), ipv4 };
  });
}

function optionalText(v: Json | undefined): string | null {
  return typeof v === 'string' ? v.slice(0, 256) : null;
}

/**
 * The JSON answer, checked. Throws Hb46ppError: `malformed` (not JSON, or a field the plan would use is wrong),
 * `nothing-offered` (`order: []`), `auth-bad` (the credentials were refused and nothing is offered).
 */
export function parseAnswer(body: string): Hb46ppAnswer {
  let json: Json;
  try {
    json = JSON.parse(body) as Json;
  } catch (err) {
    return fail('malformed', { why: `not JSON (${err instanceof Error ? err.message : String(err)})` });
  }
  if (!isObject(json)) return fail('malformed', { why: 'the answer is not a JSON object' });
  const warnings: Message[] = [];
  let ttl: number | null = null;
  if (json.ttl !== undefined && json.ttl !== null) {
    if (typeof json.ttl !== 'number' || !Number.isFinite(json.ttl) || json.ttl < 0) return fail('malformed', { why: `ttl ${JSON.stringify(json.ttl)} is not a number of seconds` });
    ttl = Math.floor(json.ttl);
    if (ttl > HB46PP_MAX_TTL) {
      warnings.push(say('hb46pp.warn.ttlTooLong', { ttl, max: HB46PP_MAX_TTL }));
      ttl = HB46PP_MAX_TTL;
    }
  }
  let token: string | null = null;
  if (typeof json.token === 'string') {
    if (/^[0-9a-f]{64}$/.test(json.token)) token = json.token;
    else warnings.push(say('hb46pp.warn.badToken'));
  }
  const auth = json.auth === 'req' || json.auth === 'bad' || json.auth === 'ok' ? json.auth : null;
  if (!Array.isArray(json.order)) return fail('malformed', { why: 'order is not a list' });
  const order: Hb46ppMethod[] = [];
  for (const m of json.order) {
    if (typeof m === 'string' && (HB46PP_METHODS as readonly string[]).includes(m)) order.push(m as Hb46ppMethod);
    else warnings.push(say('hb46pp.warn.unknownMethod', { method: JSON.stringify(m) }));
  }
  if (json.order.length === 0) return fail(auth === 'bad' ? 'auth-bad' : 'nothing-offered');
  const answer: Hb46ppAnswer = {
    enablerName: optionalText(json.enabler_name),
    serviceName: optionalText(json.service_name),
    ispName: optionalText(json.isp_name),
    ttl,
    token,
    auth,
    order,
    mapE: json.map_e === undefined || json.map_e === null ? null : mapE(json.map_e, warnings),
    dslite: null,
    ipip: json.ipip === undefined || json.ipip === null ? [] : ipip(json.ipip),
    warnings,
  };
  if (json.dslite !== undefined && json.dslite !== null) {
    if (!isObject(json.dslite)) return fail('malformed', { why: 'dslite is not an object' });
    answer.dslite = { aftr: hostText(json.dslite.aftr, 'dslite.aftr') };
  }
  // A method the provider prefers must come with its parameters.
  const has: Partial<Record<Hb46ppMethod, boolean>> = { map_e: !!answer.mapE, dslite: !!answer.dslite, ipip: answer.ipip.length > 0 };
  for (const m of order) if (has[m] === false) return fail('malformed', { why: `order names ${m} but the answer has no ${m} section` });
  if (auth === 'bad') warnings.push(say('hb46pp.warn.authBad'));
  return answer;
}

/**
 * When to ask again, in seconds [min, max], from the spec's sequence (§3.6): after an answer its ttl (20–24 h
 * without one); NXDOMAIN/NODATA 1–3 h; another DNS failure 1–10 min; no answer or an error from the server 10–30 min.
 */
export function retryWindow(result: { answer: Hb46ppAnswer } | { failure: Hb46ppFailure }): [number, number] {
  if ('answer' in result) return result.answer.ttl !== null ? [result.answer.ttl, result.answer.ttl] : [20 * 3600, 24 * 3600];
  switch (result.failure.code) {
    case 'no-provisioning':
      return [3600, 3 * 3600];
    case 'no-line-dns':
    case 'dns-failure':
    case 'txt-invalid':
      return [60, 600];
    default:
      return [600, 1800];
  }
}
