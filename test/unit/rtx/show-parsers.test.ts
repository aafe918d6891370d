import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parsePing, parsePing6, parserFor, parseShowEnvironment, parseShowIpRoute, parseShowIpv6Address, parseShowIpv6Route,
  parseShowLog, parseShowNatDescriptorAddress, parseShowStatusIpip, parseShowStatusIpv6Dhcp, parseShowStatusTunnel,
} from '../../../shared/rtx/show/index.js';
import { parseRtxConfig } from '../../../shared/rtx/config/parse.js';
import { mentionedLineText } from '../../../shared/rtx/text.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/rtx/${name}`, import.meta.url), 'utf8');
const textAt = (output: string, lines: number[]): string[] => mentionedLineText(output, lines).map((l) => l.text.trim());

describe('show status ipip', () => {
  it('reads the first capture of field report 000 (BR mistyped: nothing received)', () => {
    const out = fixture('field-000-show-status-ipip-first.txt');
    const r = parseShowStatusIpip(out);
    expect(r).toMatchObject({ command: 'show status ipip', recognized: true, tunnelCount: { value: 1, lines: [2] } });
    expect(r.tunnels).toHaveLength(1);
    const t = r.tunnels[0]!;
    expect(t).toMatchObject({
      id: 1,
      status: { text: 'Online', online: true },
      since: { value: '2022/12/12 20:12:29' },
      duration: { value: '1 minute 9 seconds', seconds: 69 },
      received: { ipv4: { packets: 0, octets: 0 }, ipv6: { packets: 0, octets: 0 } },
      transmitted: { ipv4: { packets: 10, octets: 520 }, ipv6: { packets: 0, octets: 0 } },
      remoteEndpoint: { value: '2404:9200:255:100::65' },
    });
    expect(textAt(out, t.transmitted.ipv4!.lines)).toEqual(['Transmitted: (IPv4) 10 packets [520 octets]']);
    expect(textAt(out, t.received.ipv6!.lines)).toEqual(['(IPv6) 0 packet [0 octet]']);
  });

  it('reads the second capture, whose endpoint is a Japanese placeholder', () => {
    const r = parseShowStatusIpip(fixture('field-000-show-status-ipip.txt'));
    expect(r.tunnels[0]).toMatchObject({
      transmitted: { ipv4: { packets: 1198, octets: 74296 } },
      remoteEndpoint: { value: '(BRアドレスが表示されている)' },
      duration: { seconds: 96 },
    });
  });
});

describe('show status tunnel', () => {
  it('reads the Japanese console transcript', () => {
    const out = fixture('domain-show-status-tunnel-ja.txt');
    const t = parseShowStatusTunnel(out).tunnels[0]!;
    expect(t).toMatchObject({
      id: 1,
      interfaceType: { value: 'IPsec' },
      status: { online: true },
      since: { value: '1980/01/01 09:02:49' },
      duration: { value: '20分43秒', seconds: 1243 },
      received: { ipv4: { packets: 7, octets: 644 }, ipv6: { packets: 0, octets: 0 } },
      transmitted: { ipv4: { packets: 7, octets: 644 }, ipv6: { packets: 0, octets: 0 } },
    });
    expect(textAt(out, t.status!.lines)).toEqual(['トンネルインタフェースは接続されています']);
  });

  it('reads the English console (layout assumed from show status ipip)', () => {
    const r = parseShowStatusTunnel(fixture('synthetic-show-status-tunnel-en.txt'));
    expect(r.tunnels.map((t) => [t.id, t.status?.online])).toEqual([[1, true], [2, false]]);
    expect(r.tunnels[0]).toMatchObject({
      description: { value: 'v6plus' },
      interfaceType: { value: 'MAP-E' },
      duration: { seconds: 2 * 86400 + 3 * 3600 + 4 * 60 + 5 },
      received: { ipv4: { packets: 1, octets: 1 } },
      remoteEndpoint: { value: '2404:9200:225:100::64' },
      localEndpoint: { value: '240b:10:2a01:1e00:0:cb00:7112:1e00' },
    });
    expect(r.tunnels[1]?.description?.value).toBe('');
  });

  it('reads a Japanese disconnected status as offline', () => {
    const r = parseShowStatusTunnel('TUNNEL[3]:\n  トンネルインタフェースは接続されていません\n');
    expect(r.tunnels[0]?.status?.online).toBe(false);
  });
});

describe('show status ipv6 dhcp', () => {
  it('reads the field report 000 capture (server repeats state, client has a placeholder prefix)', () => {
    const r = parseShowStatusIpv6Dhcp(fixture('field-000-show-status-ipv6-dhcp.txt'));
    expect(r.recognized).toBe(true);
    expect(r.interfaces.map((i) => [i.interface, i.role, i.states.length])).toEqual([['LAN1', 'server', 5], ['LAN2', 'client', 1]]);
    const lan2 = r.interfaces[1]!;
    expect(lan2).toMatchObject({
      serverAddress: { value: '::' }, preference: { value: 0 }, prefix: { value: '(DHCPで降ってきた？IPv6アドレス)/56' },
      duration: { value: 1632 }, t1: { value: 816 }, t2: { value: 1306 }, preferredLifetime: { value: 1429 }, validLifetime: { value: 1633 },
    });
    expect(lan2.dnsServers.map((d) => d.value)).toEqual(['2404:1a8:7f01:b::3', '2404:1a8:7f01:a::3']);
    expect(lan2.domainNames.map((d) => d.value)).toEqual(['flets-east.jp', 'iptvf.jp']);
    expect(lan2.sntpServers).toHaveLength(2);
  });

  it('reads the reference capture and the compact layout with several fields per line', () => {
    const ref = parseShowStatusIpv6Dhcp(fixture('ref-show-status-ipv6-dhcp.txt'));
    const compactOut = fixture('domain-show-status-ipv6-dhcp-compact.txt');
    const compact = parseShowStatusIpv6Dhcp(compactOut);
    for (const r of [ref, compact]) {
      expect(r.interfaces.find((i) => i.role === 'client')).toMatchObject({
        prefix: { value: '240b:11:b901:1800::/56' }, duration: { value: 1844 }, t1: { value: 922 }, t2: { value: 1475 },
        preferredLifetime: { value: 1613 }, validLifetime: { value: 1844 },
      });
    }
    const client = compact.interfaces[0]!;
    expect(client.t2?.lines).toEqual(client.duration?.lines);
    expect(textAt(compactOut, client.t1!.lines)).toEqual(['duration: 1844   T1: 922   T2: 1475']);
  });

  it('reports no prefix for a client without a lease, whatever its state word', () => {
    const r = parseShowStatusIpv6Dhcp('DHCPv6 status\n\n  LAN2 [client]\n    state: solicit\n');
    expect(r.interfaces[0]).toMatchObject({ role: 'client', prefix: null, states: [{ value: 'solicit', lines: [4] }] });
  });
});

describe('show ip route / show ipv6 route', () => {
  it('reads the reference ip route table (trailing spaces, right-aligned columns)', () => {
    const r = parseShowIpRoute(`${fixture('ref-show-ip-route.txt').replace(/\n/g, '   \n')}`);
    expect(r.routes).toEqual([
      { destination: 'default', gateway: '-', interface: 'TUNNEL[1]', kind: 'static', additional: '', lines: [2] },
      { destination: '192.168.182.0/24', gateway: '192.168.182.1', interface: 'LAN1', kind: 'implicit', additional: '', lines: [3] },
    ]);
  });

  it('joins a wrapped ipv6 gateway with the interface and type on the next line', () => {
    const r = parseShowIpv6Route(fixture('ref-show-ipv6-route.txt'));
    expect(r.routes).toEqual([
      { destination: 'default', gateway: 'fe80::fa0f:6fff:fe4b:714b', interface: 'LAN2', kind: 'temporary', additional: '', lines: [2, 3] },
      { destination: '240b:11:b901:1800::/64', gateway: '-', interface: 'LAN1', kind: 'implicit', additional: '', lines: [4] },
    ]);
  });

  it('accepts CRLF, ANSI colour and a Japanese header', () => {
    const r = parseShowIpv6Route('宛先                     ゲートウェイ             インタフェース  種別\r\n\x1b[32mdefault\x1b[0m                  fe80::1%lan2:aaaa:bbbb:cccc\r\n                                                  LAN2       temporary\r\n');
    expect(r).toMatchObject({ recognized: true, routes: [{ destination: 'default', interface: 'LAN2', lines: [2, 3] }] });
  });
});

describe('show nat descriptor address', () => {
  it('reads the reference capture', () => {
    for (const name of ['ref-show-nat-descriptor-address.txt', 'domain-show-nat-descriptor-address.txt']) {
      const r = parseShowNatDescriptorAddress(fixture(name));
      expect(r.compatibilityType?.value).toBe(2);
      expect(r.descriptors).toHaveLength(1);
      expect(r.descriptors[0]).toMatchObject({
        id: 1, interface: 'TUNNEL[1]', interfaceRaw: 'TUNNEL[1](1)', outerAddresses: [{ value: '27.89.54.24' }],
        portRanges: { ranges: [[60000, 64095], [49152, 59999], [44096, 49151]], sessions: 169 },
        rows: [{ no: 1, inner: '192.168.182.100', sessions: 71, limit: 250000, type: 'dynamic' }],
      });
    }
  });

  it('reads MAP-E port blocks on one line and wrapped, and the Japanese descriptor line', () => {
    const one = parseShowNatDescriptorAddress(fixture('synthetic-nat-mape-one-line.txt')).descriptors[0]!;
    const wrappedOut = fixture('synthetic-nat-mape-wrapped-ja.txt');
    const wrapped = parseShowNatDescriptorAddress(wrappedOut);
    const ja = wrapped.descriptors[0]!;
    expect(one.portRanges?.ranges).toHaveLength(15);
    expect(ja.portRanges?.ranges).toEqual(one.portRanges?.ranges);
    expect(ja.portRanges?.lines).toEqual([5, 6, 7]);
    expect([one.portRanges?.sessions, ja.portRanges?.sessions]).toEqual([12, 3]);
    expect(ja).toMatchObject({ id: 1, interface: 'TUNNEL[2]', interfaceRaw: 'TUNNEL[2](1)', outerAddresses: [{ value: '203.0.113.18' }] });
    expect(wrapped.compatibilityType?.value).toBe(2);
    expect(textAt(wrappedOut, ja.lines)).toEqual(['参照NATディスクリプタ : 1, 適用インタフェース : TUNNEL[2](1)']);
  });

  it('glues a range the console cut at column 80', () => {
    const first = '    Port range: 4384-4399, 8480-8495, 12576-12591, 16672-16687, 20768-20783, 248';
    expect(first).toHaveLength(80);
    const r = parseShowNatDescriptorAddress(`Reference Descriptor : 1, Assigned Interface : TUNNEL[1](1)\n${first}\n64-24879   2 sessions.\n`);
    expect(r.descriptors[0]?.portRanges?.ranges.at(-1)).toEqual([24864, 24879]);
    expect(r.descriptors[0]?.portRanges?.sessions).toBe(2);
  });
});

describe('show log', () => {
  it('reads boot, tunnel, link, prefix, schedule and notification events from field report 000', () => {
    const out = fixture('field-000-show-log.txt');
    const r = parseShowLog(out);
    expect(r.recognized).toBe(true);
    expect(r.entries).toHaveLength(17);
    const kinds = r.events.map((e) => e.kind);
    expect(kinds).toContain('boot');
    expect(kinds).toContain('restart');
    expect(r.events.find((e) => e.kind === 'tunnel')).toMatchObject({ tunnel: 1, up: true, time: '2022/12/13 01:42:39', lines: [4] });
    const prefixes = r.events.filter((e) => e.kind === 'ipv6-prefix');
    expect(prefixes).toMatchObject([
      { action: 'add', prefix: 'ff02::/64', lifetime: 'infinity', interface: 'LAN1', source: 'Static' },
      { action: 'add', prefix: '(DHCPで降ってきた？IPv6アドレス)::/64', lifetime: '1687', interface: 'LAN1', source: 'DHCPv6' },
    ]);
    expect(r.events.filter((e) => e.kind === 'link')).toHaveLength(2);
    expect(r.events.filter((e) => e.kind === 'update-notification')).toMatchObject([
      { tag: 'v6plus', outcome: 'notified', code: null },
      { tag: 'v6plus', outcome: 'ok', code: 200 },
    ]);
    expect(r.events.find((e) => e.kind === 'schedule')).toMatchObject({ text: 'Startup: lua emfs:/v6plus_address_notification.lua' });
  });

  it('reads the reference log and an NG update with its code', () => {
    const r = parseShowLog(`${fixture('ref-show-log.txt')}2022/12/13 01:52:55: [v6plus] NG to update IPv6 address. (code=401, body=badauth\n2022/12/13 01:53:05: [v6plus] Failed to notify IPv6 address to the update server. (remaining retry: 2 time(s))\n`);
    expect(r.events.filter((e) => e.kind === 'update-notification').map((e) => e.kind === 'update-notification' && [e.outcome, e.code])).toEqual([
      ['notified', null], ['ok', 200], ['ng', 401], ['retrying', null],
    ]);
    expect(r.events.find((e) => e.kind === 'boot')).toMatchObject({ model: 'RTX1300', firmware: '23.00.04' });
  });

  it('joins an entry wrapped at 80 columns', () => {
    const first = '2022/12/13 01:42:49: Add IPv6 prefix 2001:db8:1234:5600::/64 (Lifetime: 1687) vi';
    expect(first).toHaveLength(80);
    const r = parseShowLog(`${first}\na LAN1 by DHCPv6\n`);
    expect(r.entries).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ kind: 'ipv6-prefix', prefix: '2001:db8:1234:5600::/64', source: 'DHCPv6', lines: [1, 2] });
  });
});

describe('ping / ping6', () => {
  it('reads RTX "received from" lines and the summary', () => {
    const r = parsePing(fixture('synthetic-ping-rtx.txt'));
    expect(r.replies).toHaveLength(3);
    expect(r.replies[0]).toEqual({ from: '8.8.8.8', seq: 0, ttl: 117, timeMs: 4.123, lines: [1] });
    expect(r.summary).toEqual({ transmitted: 3, received: 3, lossPercent: 0, lines: [5] });
    expect(r.rtt).toMatchObject({ minMs: 3.881, avgMs: 4.014, maxMs: 4.123 });
  });

  it('reads BSD ping6 output with loss and a timeout', () => {
    const r = parsePing6(fixture('synthetic-ping6-bsd-loss.txt'));
    expect(r.command).toBe('ping6');
    expect(r.target?.value).toBe('2404:9200:225:100::64');
    expect(r.replies).toMatchObject([{ from: '2404:9200:225:100::64', seq: 0, timeMs: 5.2 }]);
    expect(r.summary).toMatchObject({ transmitted: 3, received: 1, lossPercent: 66.7 });
    expect(r.errors.map((e) => e.text)).toEqual(['Request timeout for icmp_seq 1']);
  });

  it('accepts a Japanese summary and console errors', () => {
    expect(parsePing(fixture('synthetic-ping-ja.txt')).summary).toMatchObject({ transmitted: 3, received: 0, lossPercent: 100 });
    const err = parsePing('エラー：パラメータが範囲を越えています\n');
    expect(err).toMatchObject({ recognized: false, errors: [{ text: 'エラー：パラメータが範囲を越えています', lines: [1] }] });
  });
});

describe('show ipv6 address', () => {
  it('reads addresses per interface and classifies their scope', () => {
    const r = parseShowIpv6Address(fixture('synthetic-show-ipv6-address.txt'));
    expect(r.interfaces.map((i) => [i.interface, i.scopeId, i.state, i.addresses.length])).toEqual([
      ['LAN1', 1, 'up', 2], ['LAN2', 2, 'up', 2], ['TUNNEL[1]', 3, 'down', 0],
    ]);
    expect(r.interfaces[0]?.addresses[1]).toMatchObject({ address: '240b:11:b901:1800::1', prefixLength: 64, scope: 'global', lines: [7] });
    expect(r.interfaces[1]?.addresses[0]?.scope).toBe('link-local');
    expect(r.interfaces[1]?.addresses[1]?.flags).toEqual(['global', 'tentative']);
  });
});

describe('reference formats that other parsers own', () => {
  it('show environment and the show config header', () => {
    expect(parseShowEnvironment(fixture('ref-show-environment-rtx1200.txt'))).toMatchObject({ model: 'RTX1200', firmware: '10.01.71', uptime: '5days 21:12:17' });
    expect(parseRtxConfig(fixture('ref-show-config-header-rtx1210.txt')).header).toEqual({ model: 'RTX1210', firmware: '14.01.42', lines: [1, 2, 3, 4, 5] });
  });

  it('parserFor picks the parser for a typed command line', () => {
    expect(parserFor('show status tunnel 1')).toBe(parseShowStatusTunnel);
    expect(parserFor('  SHOW  ipv6 route ')).toBe(parseShowIpv6Route);
    expect(parserFor('show ip route')).toBe(parseShowIpRoute);
    expect(parserFor('ping6 -c 3 2404:9200:225:100::64')).toBe(parsePing6);
    expect(parserFor('show config')).toBeNull();
  });
});
