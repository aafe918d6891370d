import { describe, expect, it } from 'vitest';
import { inEnglish } from '../i18n/message.js';
import { Hb46ppError, parseAnswer, parseTxtRecords, requestUrl, retryWindow, hb46ppVersion, type CpeIdentity } from './hb46pp.js';
import { provisionedFor, provisionedMapE, provisioningRecord, provisioningSays, withoutQuery } from './record.js';
import { resolveLocation, parseHttpUrl } from './url.js';

const TOKEN = '640756965820d3b9025b6941f9590af6802830ba58663fe8f043dc92b576f17a';
const CPE: CpeIdentity = { vendorId: 'acde48-ipoe_doctor', product: 'IPoE-Doctor', version: '0_1_0', capabilities: ['map_e', 'dslite', 'ipip'] };

function failure(f: () => unknown): { code: string; text: string } {
  try {
    f();
  } catch (err) {
    if (err instanceof Hb46ppError) return { code: err.failure.code, text: inEnglish(err.failure.detail) };
    throw err;
  }
  throw new Error('did not fail');
}

/** The real v6 Connect answer (access-provisioning-packaging.md §1), token shortened in the source: a valid one here. */
const V6CONNECT = JSON.stringify({ ttl: 86400, token: TOKEN, dslite: { aftr: 'dslite.v6connect.net' }, order: ['dslite'] });
/** The spec's own example (§3.4), trimmed to the methods IPoE Doctor reads. */
const SPEC_EXAMPLE = JSON.stringify({
  enabler_name: 'A VNE', service_name: 'Highspeed 4over6', isp_name: 'ISP-A', ttl: 86400, token: TOKEN, auth: 'ok',
  order: ['464xlat', 'map_e', 'dslite'],
  map_e: { version: 0, mesh: true, br: '2001:db8:1::1', rules: [{ ipv6: '2001:db8:1:2000::/52', ipv4: '203.0.113.0/24', ea_length: 12, psid_offset: 4 }] },
  dslite: { aftr: 'aftr.example.net' },
  '464xlat': { nat64prefix: '2001:db8:6::/96' },
  ipip: [{ ipv6_local: '2001:db8:7:100::7', ipv6_remote: '2001:db8:7::1', ipv4: '203.0.113.0/29' }],
});

describe('HB46PP TXT record', () => {
  it('reads the v6 Connect record (https, t=b)', () => {
    expect(parseTxtRecords(['v=v6mig-1 url=https://prod.v6mig.v6connect.net/cpe/v1/config t=b'])).toEqual({
      url: 'https://prod.v6mig.v6connect.net/cpe/v1/config', verifyCertificate: true, record: 'v=v6mig-1 url=https://prod.v6mig.v6connect.net/cpe/v1/config t=b',
    });
  });
  it('takes t=a over http, and the first v6mig-1 record among others', () => {
    expect(parseTxtRecords(['google-site-verification=x', 'v=v6mig-1 url=http://[2001:db8::1]:8080/rule.cgi t=a']).url).toBe('http://[2001:db8::1]:8080/rule.cgi');
  });
  it('refuses http with t=b, a missing t, another version, or no url', () => {
    for (const r of ['v=v6mig-1 url=http://x.example/c t=b', 'v=v6mig-1 url=https://x.example/c', 'v=v6mig-2 url=https://x.example/c t=b', 'v=v6mig-1 t=a', 'v=v6mig-1 url=ftp://x/ t=a']) {
      expect(failure(() => parseTxtRecords([r])).code, r).toBe('txt-invalid');
    }
    expect(failure(() => parseTxtRecords([])).text).toContain('(empty)');
  });
});

describe('HB46PP request', () => {
  const server = parseTxtRecords(['v=v6mig-1 url=https://prov.example/cpe/v1/config?x=1 t=b']);
  it('adds vendorid, product, version, capability and the token kept from last time', () => {
    expect(requestUrl(server, CPE, { token: TOKEN })).toBe(
      `https://prov.example/cpe/v1/config?x=1&vendorid=acde48-ipoe_doctor&product=IPoE-Doctor&version=0_1_0&capability=map_e%2Cdslite%2Cipip&token=${TOKEN}`,
    );
  });
  it('sends user/pass only over https with t=b, and never an invalid token', () => {
    expect(requestUrl(server, CPE, { credentials: { user: 'u1', pass: 'p1' } })).toContain('&user=u1&pass=p1');
    const plain = parseTxtRecords(['v=v6mig-1 url=http://prov.example/c t=a']);
    expect(requestUrl(plain, CPE, { credentials: { user: 'u1', pass: 'p1' }, token: 'ABC' })).not.toMatch(/user=|pass=|token=/);
    const noVerify = parseTxtRecords(['v=v6mig-1 url=https://prov.example/c t=a']);
    expect(requestUrl(noVerify, CPE, { credentials: { user: 'u1', pass: 'p1' } })).not.toContain('pass=');
  });
  it('checks the identity against the spec', () => {
    expect(() => requestUrl(server, { ...CPE, vendorId: 'acme' })).toThrow(/vendorid/);
    expect(() => requestUrl(server, { ...CPE, product: 'IPoE Doctor' })).toThrow(/product/);
    expect(hb46ppVersion('0.1.0')).toBe('0_1_0');
  });
  it('resolves redirects against the URL that answered', () => {
    const base = parseHttpUrl('https://a.example/cpe/v1/config?q=1')!;
    expect(resolveLocation(base, 'https://b.example/x')?.authority).toBe('b.example');
    expect(resolveLocation(base, '/y?z=2')).toMatchObject({ authority: 'a.example', path: '/y', query: 'z=2' });
    expect(resolveLocation(base, 'next')).toMatchObject({ path: '/cpe/v1/next' });
  });
});

describe('HB46PP answer', () => {
  it('reads the v6 Connect answer: DS-Lite to dslite.v6connect.net, token and ttl kept', () => {
    const a = parseAnswer(V6CONNECT);
    expect(a).toMatchObject({ ttl: 86400, token: TOKEN, order: ['dslite'], dslite: { aftr: 'dslite.v6connect.net' }, mapE: null, ipip: [], warnings: [] });
    expect(retryWindow({ answer: a })).toEqual([86400, 86400]);
  });
  it("reads the spec's example: MAP-E rules and BR, the AFTR, the IPIP tunnel; 464xlat it leaves to others", () => {
    const a = parseAnswer(SPEC_EXAMPLE);
    expect(a.order).toEqual(['464xlat', 'map_e', 'dslite']);
    expect(a.mapE).toEqual({ version: 0, mesh: true, br: '2001:db8:1::1', rules: [{ ipv6: '2001:db8:1:2000::/52', ipv4: '203.0.113.0/24', eaLength: 12, psidOffset: 4 }] });
    expect(a.ipip).toEqual([{ ipv6Local: '2001:db8:7:100::7', ipv6Remote: '2001:db8:7::1', ipv4: '203.0.113.0/29' }]);
    expect(a).toMatchObject({ enablerName: 'A VNE', serviceName: 'Highspeed 4over6', auth: 'ok' });
  });
  it('an AFTR given as an address is kept as one (transix answers so)', () => {
    expect(parseAnswer(JSON.stringify({ order: ['dslite'], dslite: { aftr: '2404:8E00::FEED:100' } })).dslite).toEqual({ aftr: '2404:8e00::feed:100' });
  });
  it('each error has its own code and meaning', () => {
    expect(failure(() => parseAnswer('<html>oops</html>'))).toMatchObject({ code: 'malformed', text: expect.stringContaining('not JSON') });
    expect(failure(() => parseAnswer('[1,2]')).code).toBe('malformed');
    expect(failure(() => parseAnswer(JSON.stringify({ order: [] }))).code).toBe('nothing-offered');
    expect(failure(() => parseAnswer(JSON.stringify({ order: [], auth: 'bad' })))).toMatchObject({ code: 'auth-bad', text: expect.stringContaining('"auth": "bad"') });
    expect(failure(() => parseAnswer(JSON.stringify({ order: ['dslite'] }))).text).toContain('order names dslite but the answer has no dslite section');
    expect(failure(() => parseAnswer(JSON.stringify({ order: ['map_e'], map_e: { br: 'not-an-address', rules: [] } }))).text).toContain('map_e.br is not an IPv6 address');
    expect(failure(() => parseAnswer(JSON.stringify({ order: ['map_e'], map_e: { br: '2001:db8::1', rules: [{ ipv6: '2001:db8::/40', ipv4: '192.0.2.0/24', ea_length: 40, psid_offset: 4 }] } }))).text).toContain('map_e.rules[0]');
    expect(failure(() => parseAnswer(JSON.stringify({ order: ['dslite'], dslite: { aftr: 'bad name!' } }))).code).toBe('malformed');
    expect(failure(() => parseAnswer(JSON.stringify({ ttl: 'soon', order: ['dslite'], dslite: { aftr: 'a.example' } }))).code).toBe('malformed');
  });
  it('tolerates what does not make it unusable, and says so', () => {
    const a = parseAnswer(JSON.stringify({ ttl: 9_999_999, token: 'XYZ', order: ['dslite', 'nat66'], dslite: { aftr: 'a.example' }, auth: 'bad' }));
    expect(a.ttl).toBe(604800);
    expect(a.token).toBeNull();
    expect(a.order).toEqual(['dslite']);
    expect(a.warnings.map(inEnglish)).toEqual([
      "ttl 9999999 s is longer than the spec's 604800 s; 604800 s is used",
      'the answer\'s token is not 64 lowercase hex digits; it is not sent back',
      'the answer\'s order names "nat66", which is no HB46PP method; it is left out',
      'the provisioning server refused the user/password ("auth": "bad") but still answers',
    ]);
  });
  it('retry windows follow the spec: NXDOMAIN 1–3 h, DNS failure 1–10 min, server trouble 10–30 min, 20–24 h without ttl', () => {
    expect(retryWindow({ failure: { code: 'no-provisioning', detail: { key: 'x' } } })).toEqual([3600, 10800]);
    expect(retryWindow({ failure: { code: 'dns-failure', detail: { key: 'x' } } })).toEqual([60, 600]);
    expect(retryWindow({ failure: { code: 'timeout', detail: { key: 'x' } } })).toEqual([600, 1800]);
    expect(retryWindow({ answer: parseAnswer(JSON.stringify({ order: ['dslite'], dslite: { aftr: 'a.example' } })) })).toEqual([72000, 86400]);
  });
});

describe('what the line takes from the answer', () => {
  /** A provider rule that differs from the built-in v6plus table: 240b:10::/32 → 192.0.2.0/24 … (the lab's). */
  const answer = parseAnswer(JSON.stringify({
    ttl: 3600, order: ['map_e'],
    map_e: { br: '2001:db8:b0::1', rules: [{ ipv6: '240b:10::/32', ipv4: '198.18.0.0/16', ea_length: 24, psid_offset: 4 }, { ipv6: '240b:13::/32', ipv4: '198.19.0.0/16', ea_length: 24, psid_offset: 6 }] },
  }));
  it('computes MAP-E from the provider rule that covers the prefix, with its BR', () => {
    const m = provisionedMapE(answer, '240b:13:1a65:a100::/56')!;
    expect(m).toMatchObject({ ipv4: '198.19.26.101', psid: 161, psidOffset: 6, br: '2001:db8:b0::1', rule: { ipv6Prefix: '240b:13::/32', ipv4Prefix: '198.19.0.0/16' } });
    expect(m.portRanges).toHaveLength(63);
    expect(provisionedMapE(answer, '2404:7a82:4d02:4100::/56')).toBeNull();
  });
  it('says which source it used, or why the catalog is used', () => {
    const rec = provisioningRecord({ dnsServer: '2001:db8:53::53', server: parseTxtRecords(['v=v6mig-1 url=https://prov.lab/cpe/v1/config t=b']), chain: ['https://prov.lab/cpe/v1/config?vendorid=x&token=y'], answer, failure: null });
    expect(inEnglish(provisioningSays(rec, 'map-e', '240b:13:1a65:a100::/56'))).toBe(
      'MAP rule 240b:13::/32 → 198.19.0.0/16 and BR 2001:db8:b0::1: the provider\'s own values, from its provisioning server (https://prov.lab/cpe/v1/config, HB46PP)',
    );
    expect(inEnglish(provisioningSays(rec, 'ds-lite', null))).toContain('offers map_e, not dslite');
    const failed = provisioningRecord({ dnsServer: null, server: null, chain: [], answer: null, failure: { code: 'nothing-offered', detail: { key: 'hb46pp.failure.nothing-offered' } } });
    expect(inEnglish(provisioningSays(failed, 'map-e', null))).toBe(
      'the provider\'s provisioning (HB46PP) could not be used (the provisioning server offers nothing to this line ("order": [])): the catalog\'s values are used instead',
    );
    expect(failed.retryAfterSeconds).toEqual([600, 1800]);
    expect(withoutQuery(rec.chain[0]!)).toBe('https://prov.lab/cpe/v1/config');
    expect(provisionedFor(parseAnswer(V6CONNECT), 'ds-lite', null)).toEqual({ method: 'dslite', aftr: 'dslite.v6connect.net' });
  });
});
