/** The line check's pure part: reading the probes, the consumer-router table, and the verdict from observations. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findConsumerRouter, routersFor } from '../../../shared/line-check/consumer-routers.js';
import { consumerRoutersMarkdown } from '../../../shared/line-check/consumer-routers-doc.js';
import { judgeLine } from '../../../shared/line-check/judge.js';
import { defaultRoute, globalIpv6, parsePing, parseRdisc6, pmtuHint } from '../../../shared/line-check/parse.js';
import { lineCheckJson, lineCheckText } from '../../../shared/line-check/render.js';
import type { LineBasics, LineObservation } from '../../../shared/line-check/types.js';
import { provisioningRecord, type Hb46ppAnswer } from '../../../shared/provisioning/index.js';

const RDISC6 = ` Prefix                   : 240b:11:b901:1800::/64
 Recursive DNS server     : 240b:11:b901:1800::1
  DNS server lifetime     :         3600 (0x00000e10) seconds
 from fe80::7c09:1cff:fe45:e6ff
`;

function basics(over: Partial<LineBasics> = {}): LineBasics {
  return {
    wan: 'eth0',
    globals: [{ ifname: 'eth0', address: '240b:11:b901:1800:78dd:84ff:feb3:d64d', prefixLength: 64 }],
    raRouter: 'fe80::1',
    raLearned: true,
    ipv4Gateway: '192.168.1.1',
    lineDns: ['240b:11:b901:1800::1'],
    ipv4Dns: ['192.168.1.1'],
    aftr: [{ service: 'transix-dslite', name: 'gw.transix.jp', addresses: [], server: null }],
    provisioning: null,
    ...over,
  };
}

function seen(b: LineBasics, pings: LineObservation['probes']['pings'] = []): LineObservation {
  const addr = `[{"ifname":"eth0","addr_info":[{"family":"inet6","local":"${b.globals[0]?.address ?? 'fe80::2'}","prefixlen":64,"scope":"global"}]}]`;
  return { basics: b, probes: { pings, pathMtu: null, dns: [] }, outputs: [{ command: 'ip -j -p addr show', output: addr, exitCode: 0 }] };
}

const ANSWER: Hb46ppAnswer = {
  enablerName: 'lab VNE', serviceName: null, ispName: null, ttl: 3600, token: null, auth: null, order: ['ipip'], mapE: null, dslite: null,
  ipip: [{ ipv6Local: '240b:11:b901:1800::feed', ipv6Remote: '2404:9200:225:100::65', ipv4: '203.0.113.9' }], warnings: [],
};

describe('reading what the probes print', () => {
  it('rdisc6: the RA router and its RDNSS; ping: replies and rtt; the path MTU a router reports; default routes; global IPv6 only', () => {
    expect(parseRdisc6(RDISC6)).toEqual({ from: 'fe80::7c09:1cff:fe45:e6ff', rdnss: ['240b:11:b901:1800::1'] });
    expect(parsePing('2 packets transmitted, 2 received, 0% packet loss\nrtt min/avg/max/mdev = 0.040/0.048/0.056/0.008 ms', 0)).toEqual({ ok: true, rttMs: 0.048 });
    expect(parsePing('2 packets transmitted, 0 received, 100% packet loss', 1)).toEqual({ ok: false, rttMs: null });
    expect(pmtuHint('ping: local error: message too long, mtu=1460')).toBe(1460);
    expect(pmtuHint('From 192.168.1.1 icmp_seq=1 Frag needed and DF set (mtu = 1454)')).toBe(1454);
    expect(defaultRoute('[{"dst":"default","gateway":"fe80::1","dev":"eth0","protocol":"ra"}]')).toEqual({ gateway: 'fe80::1', dev: 'eth0', protocol: 'ra' });
    expect(defaultRoute('[]')).toBeNull();
    const addr = '[{"ifname":"eth0","addr_info":[{"family":"inet6","local":"fe80::2","prefixlen":64,"scope":"link"},{"family":"inet6","local":"fd00::2","prefixlen":64,"scope":"global"},{"family":"inet6","local":"2409:10:1:2300::2","prefixlen":64,"scope":"global"}]}]';
    expect(globalIpv6(addr)).toEqual([{ ifname: 'eth0', address: '2409:10:1:2300::2', prefixLength: 64 }]);
  });
});

describe('the consumer-router table', () => {
  it('finds a model however it is typed; lists who can run a service', () => {
    for (const typed of ['Elecom WRC-X6000XS', 'wrc-x6000xs', 'ELECOM  WRC X6000XS', 'エレコム WRC-X6000XS']) expect(findConsumerRouter(typed)?.model).toBe('WRC-X6000XS');
    expect(findConsumerRouter('Aterm WX5400HP')?.model).toBe('Aterm WX5400HP');
    expect(findConsumerRouter('NEC WX5400HP')?.vendor).toBe('NEC');
    expect(findConsumerRouter('Acme X1')).toBeNull();
    expect(routersFor('v6plus-fixed')).toEqual([]);
    expect(routersFor('biglobe').map((r) => r.model)).toContain('WXR-5950AX12');
  });

  it('every value has a source; docs/consumer-routers.md is what `npx tsx build/consumer-routers-doc.ts` generates', () => {
    expect(readFileSync(new URL('../../../docs/consumer-routers.md', import.meta.url), 'utf8')).toBe(consumerRoutersMarkdown());
  });
});

describe('the verdict', () => {
  it('v6plus by prefix: rule, IPv4, port set, BR and the need for all port blocks; a listed router that can run it adds nothing', () => {
    const r = judgeLine(seen(basics(), [{ target: '2404:9200:225:100::64', role: 'br', ok: true, rttMs: 3 }]), { router: 'Buffalo WXR-5950AX12' });
    expect(r.service).toMatchObject({ id: 'v6plus', source: 'prefix' });
    expect(r.mape).toMatchObject({ ipv4: '106.73.185.1', ports: 240, br: '2404:9200:225:100::64' });
    expect(r.needs.map((n) => n.feature)).toEqual(['map-e-all-port-blocks']);
    expect(r.router).toMatchObject({ vendor: 'BUFFALO', support: 'yes' });
    expect(r.findings).toEqual([]);
  });

  it('a BR that does not answer: BR_UNREACHABLE with the ping as evidence', () => {
    const o = seen(basics(), [{ target: '2404:9200:225:100::64', role: 'br', ok: false, rttMs: null }]);
    o.outputs.push({ command: 'ping -6 -c 3 -i 0.2 -W 2 2404:9200:225:100::64', output: 'PING 2404:9200:225:100::64\n2 packets transmitted, 0 received, 100% packet loss\n', exitCode: 1 });
    const r = judgeLine(o);
    expect(r.findings.map((f) => f.code)).toEqual(['BR_UNREACHABLE']);
    expect(r.findings[0]!.evidence[0]!.lines).toEqual([1]);
  });

  it("field report 000: the WRC-X6000XS on v6plus fixed IP is DEVICE_UNSUPPORTED_SERVICE, with vendor and ISP questions and Linux CE; the text never calls the line broken", () => {
    const r = judgeLine(seen(basics()), { router: 'wrc-x6000xs', service: 'v6plus-fixed' });
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['DEVICE_UNSUPPORTED_SERVICE', 'error']]);
    expect(r.findings[0]!.explanation.en).toMatch(/field report 000/);
    expect(r.checklists.vendor.length).toBeGreaterThan(0);
    expect(r.checklists.isp.length).toBeGreaterThan(0);
    expect(r.options).toContainEqual({ kind: 'linux-ce' });
    for (const lang of ['en', 'ja'] as const) {
      const text = lineCheckText(r, lang);
      expect(text).toMatch(lang === 'en' ? /not a broken line/ : /回線の故障ではなく/);
      expect(text).not.toMatch(lang === 'en' ? /line is broken|the line is down/i : /回線の故障です/);
    }
  });

  it('a router the table does not know, or knows without this service: DEVICE_MODEL_UNLISTED, never "cannot"', () => {
    expect(judgeLine(seen(basics()), { router: 'Acme X1' }).findings.map((f) => [f.code, f.severity])).toEqual([['DEVICE_MODEL_UNLISTED', 'info']]);
    const r = judgeLine(seen(basics()), { router: 'Buffalo WXR-5950AX12', service: 'v6plus-fixed' });
    expect(r.router?.support).toBe('unknown');
    expect(r.findings.map((f) => f.code)).toEqual(['DEVICE_MODEL_UNLISTED']);
  });

  it("the provider's HB46PP answer (ipip) makes it fixed IP, with the provider's BR and IPv4", () => {
    const provisioning = provisioningRecord({ dnsServer: '240b:11:b901:1800::1', server: { url: 'https://prov.example/cpe', verifyCertificate: true } as never, chain: ['https://prov.example/cpe'], answer: ANSWER, failure: null });
    const r = judgeLine(seen(basics({ provisioning })));
    expect(r.service).toMatchObject({ id: 'v6plus-fixed', source: 'provisioning' });
    expect(r.ipip).toEqual({ remote: '2404:9200:225:100::65', ipv4: '203.0.113.9', local: '240b:11:b901:1800::feed', source: 'provisioning' });
    expect(r.endpoints).toEqual([{ role: 'br', address: '2404:9200:225:100::65', source: 'provisioning' }]);
  });

  it('a prefix no rule covers and no AFTR: SERVICE_UNKNOWN_PREFIX; DS-Lite said but the AFTR not resolved: AFTR_NAME_UNRESOLVED; no IPv6: IPV6_NO_PREFIX', () => {
    const other = basics({ globals: [{ ifname: 'eth0', address: '2409:10:1:2300::2', prefixLength: 64 }] });
    expect(judgeLine(seen(other)).findings.map((f) => f.code)).toEqual(['SERVICE_UNKNOWN_PREFIX']);
    expect(judgeLine(seen(other), { service: 'transix-dslite' }).findings.map((f) => f.code)).toEqual(['AFTR_NAME_UNRESOLVED']);
    const none = judgeLine(seen(basics({ globals: [], lineDns: [] })));
    expect(none.findings.map((f) => f.code)).toEqual(['IPV6_NO_PREFIX']);
    expect(lineCheckJson(none).verdict).toMatch(/^No IPv6 reaches this computer/);
  });
});

describe('the verdict when IPv4 does not get through', () => {
  it('IPv6 and the BR fine but the Internet host silent over IPv4: said so, not "works"', () => {
    const o = seen(basics(), [
      { target: '2404:9200:225:100::64', role: 'br', ok: true, rttMs: 3 },
      { target: '203.0.113.10', role: 'ipv4-internet', name: 'www.nic.ad.jp', ok: false, rttMs: null },
    ]);
    expect(lineCheckJson(judgeLine(o)).verdict).toBe('The line is v6plus (JPNE) and IPv6 works, but IPv4 does not get through to the Internet from here: the router in between does not carry v6plus (JPNE) (yet), or not correctly.');
  });
});
