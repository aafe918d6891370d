import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mentionedLineText, parseRtxConfig } from '../../../shared/rtx/config/parse.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/rtx/${name}`, import.meta.url), 'utf8');
const field000 = fixture('field-000-config.txt');

/** The text of one line of `text` (1-based), to check that line numbers point at the right text. */
const lineText = (text: string, n: number | undefined): string => (mentionedLineText(text, n === undefined ? [] : [n])[0]?.text ?? '').trim();

describe('parseRtxConfig: field report 000 (RTX1300, v6plus fixed IP over IPIP)', () => {
  const cfg = parseRtxConfig(field000);

  it('reads the header', () => {
    expect(cfg.header).toMatchObject({ model: 'RTX1300', firmware: '23.00.04' });
    expect(cfg.header.lines).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads tunnel 1 from both of its select blocks', () => {
    const t = cfg.tunnels[1]!;
    expect(t.encapsulation).toMatchObject({ value: 'ipip', raw: 'ipip' });
    expect(t.endpointAddress).toMatchObject({ local: null, remote: '(BRアドレス)' });
    expect(t.mtu?.value).toBe(1460);
    expect(t.tcpMssLimit?.value).toBe('auto');
    expect(t.natDescriptors?.ids).toEqual([1]);
    expect(t.enabled?.value).toBe(true);
    expect(t.enabled?.lines).toHaveLength(2);
    expect(t.selectLines).toHaveLength(2);
    // The second `tunnel select 1` (in the FILTER section) carries the filters.
    expect(t.ipFilterIn).toMatchObject({ ids: [200030, 200039], dynamicIds: [] });
    expect(t.ipFilterOut).toMatchObject({ ids: [200099], dynamicIds: [200080, 200082, 200083, 200084, 200098, 200099] });
  });

  it('reads NAT, prefixes, LAN addresses and the NGN type', () => {
    expect(cfg.natDescriptors[1]).toMatchObject({ type: { value: 'masquerade' }, outer: { value: '(固定IP)' } });
    expect(cfg.ipv6Prefixes).toEqual([{ id: 1, source: 'dhcp-prefix', fromInterface: 'lan2', suffix: '::/64', lines: [19] }]);
    expect(cfg.interfaces.lan1?.ipAddress?.value).toBe('192.168.182.1/24');
    expect(cfg.interfaces.lan1?.ipv6Addresses[0]?.value).toBe('dhcp-prefix@lan2::(インターフェースID)/64');
    expect(cfg.interfaces.lan1?.rtadv).toMatchObject({ prefixIds: [1], options: ['o_flag=on'] });
    expect(cfg.interfaces.lan1?.dhcp6Service).toMatchObject({ role: 'server', informationRequest: false });
    expect(cfg.interfaces.lan1?.prefixChangeLog?.on).toBe(true);
    expect(cfg.interfaces.lan2?.dhcp6Service).toMatchObject({ role: 'client', informationRequest: false });
    expect(cfg.interfaces.lan2?.ipv6FilterIn?.ids).toEqual([200030, 200031, 200038, 200039]);
    expect(cfg.ngnTypes).toMatchObject([{ interface: 'lan2', value: 'ntt' }]);
  });

  it('reads IPv4, IPv6 and dynamic filters, filling omitted fields with *', () => {
    expect(cfg.ipFilters.find((f) => f.id === 200030)).toMatchObject({
      action: 'pass', source: '*', destination: '192.168.100.0/24', protocol: 'icmp', sourcePort: '*', destinationPort: '*',
    });
    expect(cfg.ipFilters.find((f) => f.id === 200039)).toMatchObject({ action: 'reject', source: '*', destination: '*', protocol: '*' });
    expect(cfg.ipv6Filters.find((f) => f.id === 200031)).toMatchObject({ action: 'pass', protocol: '4', sourcePort: '*' });
    expect(cfg.ipv6Filters.find((f) => f.id === 200038)).toMatchObject({ protocol: 'udp', destinationPort: '546' });
    expect(cfg.dynamicFilters.filter((f) => f.family === 'ipv4').map((f) => f.protocol)).toEqual(['ftp', 'www', 'smtp', 'pop3', 'tcp', 'udp']);
    expect(cfg.dynamicFilters.filter((f) => f.family === 'ipv6')).toHaveLength(7);
  });

  it('reads the route, the schedule, the embedded Lua, DNS and secrets', () => {
    expect(cfg.routes).toMatchObject([{ family: 'ipv4', destination: 'default', gateway: { kind: 'tunnel', value: '1' } }]);
    expect(cfg.schedules).toMatchObject([{ id: 1, luaScript: 'emfs:/v6plus_address_notification.lua' }]);
    const lua = cfg.embeddedFiles[0]!;
    expect(lua.name).toBe('v6plus_address_notification.lua');
    expect(lua.body.startsWith('UPD_SV = "http://fcs.enabler.ne.jp/update"')).toBe(true);
    expect(lua.body).toContain('rt.syslogwatch(LOG_PTN)');
    expect(lua.body.endsWith('end')).toBe(true);
    expect(lineText(field000, lua.bodyStartLine)).toBe('UPD_SV = "http://fcs.enabler.ne.jp/update"');
    expect(cfg.dns.servers.map((s) => s.raw)).toEqual(['dns server dhcp lan2', 'dns server select 500000 dhcp lan2 any .']);
    expect(cfg.secretLines.map((n) => lineText(field000, n))).toEqual(['login user admin *']);
    expect(cfg.console).toMatchObject([{ setting: 'character', value: 'ja.utf8' }]);
    expect(cfg.notes).toEqual([]);
    expect(cfg.unknown.some((u) => u.text.startsWith('dhcp scope 1'))).toBe(true);
  });

  it('keeps line numbers that point at the text each fact came from', () => {
    const t = cfg.tunnels[1]!;
    expect(lineText(field000, t.endpointAddress?.lines[0])).toBe('tunnel endpoint address (BRアドレス)');
    expect(lineText(field000, t.mtu?.lines[0])).toBe('ip tunnel mtu 1460');
    expect(t.selectLines.map((n) => lineText(field000, n))).toEqual(['tunnel select 1', 'tunnel select 1']);
    expect(lineText(field000, t.ipFilterIn?.lines[0])).toBe('ip tunnel secure filter in 200030 200039');
    expect(lineText(field000, cfg.natDescriptors[1]?.outer?.lines[0])).toBe('nat descriptor address outer 1 (固定IP)');
    for (const f of [...cfg.ipFilters, ...cfg.ipv6Filters]) {
      expect(lineText(field000, f.lines[0])).toMatch(new RegExp(`^ip(v6)? filter ${f.id} `));
    }
    expect(lineText(field000, cfg.schedules[0]?.lines[0])).toMatch(/^schedule at 1 /);
    for (const u of cfg.unknown) expect(lineText(field000, u.lines[0])).toBe(u.text);
  });
});

describe('parseRtxConfig: field report 000, the first snippet (inline comment, filters inside the block)', () => {
  it('reads the tunnel despite the Japanese inline comment', () => {
    const text = fixture('field-000-config-snippet.txt');
    const cfg = parseRtxConfig(text);
    expect(cfg.tunnels[1]).toMatchObject({
      mtu: { value: 1000, lines: [4] },
      ipFilterIn: { ids: [200030, 200039] },
      ipFilterOut: { ids: [200099], dynamicIds: [200080, 200082, 200083, 200084, 200098, 200099] },
      natDescriptors: { ids: [1] },
      enabled: { value: true },
    });
    expect(cfg.natDescriptors[1]?.outer?.value).toBe('27.89.54.24');
    expect(cfg.unknown).toEqual([]);
    expect(lineText(text, 4)).toBe('ip tunnel mtu 1000 # MTU原因か？と思って少なく設定したが変わらず');
  });
});

describe('parseRtxConfig: format variations', () => {
  it('accepts CRLF and no indentation, and strips inline comments', () => {
    const cfg = parseRtxConfig(
      'tunnel select 2\r\ntunnel encapsulation map-e\r\ntunnel map-e type v6plus\r\nip tunnel mtu 1000 # MTU原因か？\r\ntunnel enable 2\r\n',
    );
    expect(cfg.tunnels[2]).toMatchObject({ encapsulation: { value: 'map-e' }, mapeType: { value: 'v6plus' }, mtu: { value: 1000, lines: [4] } });
  });

  it('ends a block at an unindented global line, and notes tunnel lines outside any block', () => {
    const cfg = parseRtxConfig('tunnel select 1\n tunnel encapsulation ipip\nip route default gateway tunnel 1\nip tunnel mtu 1460\n');
    expect(cfg.tunnels[1]?.mtu).toBeNull();
    expect(cfg.unknown).toMatchObject([{ text: 'ip tunnel mtu 1460', lines: [4] }]);
    expect(cfg.notes[0]).toMatch(/line 4/);
  });

  it('keeps indented global lines inside a block (show config interleaves ipsec ike lines)', () => {
    const cfg = parseRtxConfig('tunnel select 1\n ipsec tunnel 101\n  ipsec sa policy 101 1 esp\n ipsec ike keepalive use 1 on\n ip tunnel tcp mss limit 1414\n');
    expect(cfg.tunnels[1]?.tcpMssLimit?.value).toBe(1414);
  });

  it('handles tunnel select none, endpoint forms and descriptions', () => {
    const cfg = parseRtxConfig(
      [
        'tunnel select 1',
        ' description tunnel "transix DS-Lite"',
        ' tunnel encapsulation ipip',
        ' tunnel endpoint name gw.transix.jp fqdn',
        'tunnel select 2',
        ' tunnel encapsulation map-e',
        ' tunnel endpoint address 2001:db8::1 2404:9200:225:100::64',
        'tunnel select none',
        'ip tunnel mtu 1460',
        'tunnel select 3',
        ' tunnel encapsulation l2tpv3-raw',
      ].join('\n'),
    );
    expect(cfg.tunnels[1]?.description?.value).toBe('transix DS-Lite');
    expect(cfg.tunnels[1]?.endpointName).toMatchObject({ local: null, remote: 'gw.transix.jp' });
    expect(cfg.tunnels[2]?.endpointAddress).toMatchObject({ local: '2001:db8::1', remote: '2404:9200:225:100::64' });
    expect(cfg.tunnels[2]?.mtu).toBeNull();
    expect(cfg.tunnels[3]?.encapsulation).toMatchObject({ value: 'other', raw: 'l2tpv3-raw' });
  });

  it('reads pp blocks and records pp auth lines as secrets only', () => {
    const text = [
      'pp select 1',
      ' pp always-on on',
      ' pppoe use lan2',
      ' pp auth accept pap chap',
      ' pp auth myname user@example.jp s3cret',
      ' ip pp mtu 1454',
      ' ip pp secure filter in 1020 1030 dynamic 1100',
      ' ip pp nat descriptor 1000',
      ' pp enable 1',
      'administrator password encrypted *',
      'login password *',
      'ip route default gateway pp 1',
    ].join('\n');
    const cfg = parseRtxConfig(text);
    expect(cfg.secretLines).toEqual([4, 5, 10, 11]);
    expect(JSON.stringify(cfg)).not.toContain('s3cret');
    expect(cfg.interfaces.pp1).toMatchObject({ mtu: { value: 1454 }, ipFilterIn: { ids: [1020, 1030], dynamicIds: [1100] }, natDescriptors: { ids: [1000] } });
    expect(cfg.routes[0]?.gateway).toEqual({ kind: 'pp', value: '1' });
  });

  it('reads filter variations, NAT port ranges, ra-prefix and IPv6 routes', () => {
    const cfg = parseRtxConfig(
      [
        'ip filter 200026 pass * 192.168.100.0/24 established * *',
        'ipv6 filter 200039 reject * *',
        'ip filter source-route on',
        'ipv6 prefix 1 ra-prefix@lan2::/64',
        'ipv6 prefix 2 2001:db8:1::/64',
        'nat descriptor address outer 1 map-e',
        'nat descriptor masquerade port range 1 60000-64095 49152-59999 44096-49151',
        'nat descriptor masquerade static 1 1 192.168.100.2 tcp 22',
        'ipv6 route default gateway fe80::1%lan2',
        'ip route 10.0.0.0/8 gateway 192.168.100.254',
        'ip route 172.16.0.0/12 gateway dhcp lan2',
        'ipv6 lan2 dhcp service client ir=on',
        'ip lan2 address dhcp',
      ].join('\n'),
    );
    expect(cfg.ipFilters[0]).toMatchObject({ protocol: 'established', sourcePort: '*', destinationPort: '*' });
    expect(cfg.ipv6Filters[0]).toMatchObject({ action: 'reject', protocol: '*' });
    expect(cfg.unknown.map((u) => u.text)).toEqual(['ip filter source-route on']);
    expect(cfg.ipv6Prefixes).toMatchObject([
      { id: 1, source: 'ra-prefix', fromInterface: 'lan2', suffix: '::/64' },
      { id: 2, source: 'static', fromInterface: null, suffix: '2001:db8:1::/64' },
    ]);
    expect(cfg.natDescriptors[1]).toMatchObject({
      outer: { value: 'map-e' },
      portRanges: { ranges: [[60000, 64095], [49152, 59999], [44096, 49151]] },
      statics: [{ text: '1 192.168.100.2 tcp 22' }],
    });
    expect(cfg.routes.map((r) => r.gateway)).toEqual([
      { kind: 'address', value: 'fe80::1%lan2' },
      { kind: 'address', value: '192.168.100.254' },
      { kind: 'dhcp', value: 'lan2' },
    ]);
    expect(cfg.interfaces.lan2?.dhcp6Service?.informationRequest).toBe(true);
    expect(cfg.interfaces.lan2?.ipAddress?.value).toBe('dhcp');
  });

  it('notes an unterminated heredoc and keeps its body', () => {
    const cfg = parseRtxConfig('embedded file x.lua <<EOF\nprint("hi")\nip route default gateway tunnel 1');
    expect(cfg.embeddedFiles).toMatchObject([{ name: 'x.lua', body: 'print("hi")\nip route default gateway tunnel 1', bodyStartLine: 2, lines: [1] }]);
    expect(cfg.routes).toEqual([]);
    expect(cfg.notes[0]).toMatch(/no closing EOF/);
  });

  it('reads a header whose main: line wraps at 80 columns, and strips ANSI escapes', () => {
    const main = '# main:  RTX1210 ver=00 serial=S4H0000000 MAC-Address=00:a0:de:00:00:01 MAC-Addr';
    expect(main).toHaveLength(80);
    const cfg = parseRtxConfig(`# RTX1210 Rev.14.01.42 (Fri Jul  5 11:17:45 2024)\n${main}\ness=00:a0:de:00:00:02 TAM=11\n\x1b[1mip lan1 address 192.168.100.1/24\x1b[0m\n`);
    expect(cfg.header).toEqual({ model: 'RTX1210', firmware: '14.01.42', lines: [1, 2, 3] });
    expect(cfg.unknown).toEqual([]);
    expect(cfg.interfaces.lan1?.ipAddress).toEqual({ value: '192.168.100.1/24', lines: [4] });
  });

  it('is order-independent for global settings', () => {
    const lines = field000.split('\n').slice(0, 93);
    const reversed = parseRtxConfig([...lines].reverse().join('\n'));
    expect(reversed.ipFilters.map((f) => f.id).sort()).toEqual([200030, 200039, 200099]);
    expect(reversed.natDescriptors[1]?.outer?.value).toBe('(固定IP)');
    expect(reversed.interfaces.lan1?.ipAddress?.value).toBe('192.168.182.1/24');
  });
});
