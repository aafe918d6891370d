/**
 * Every RTX finding code: at least one input that fires it (with its evidence and fix or checklist checked),
 * and inputs that must not fire it (every healthy set-up, plus the near misses listed per code).
 */
import { describe, expect, it } from 'vitest';
import { FINDING_CATALOG } from '../../../../shared/diagnosis/catalog.js';
import { diagnose } from '../../../../shared/diagnosis/engine.js';
import type { ContractNotice } from '../../../../shared/diagnosis/input.js';
import { FINDING_CODES, type Finding, type FindingCode } from '../../../../shared/diagnosis/types.js';
import { edit, HEALTHY_CASES, loadCase, transcriptInput, type Outputs } from './fixtures.js';

interface Case {
  name: string;
  outputs: () => Outputs;
  notice?: ContractNotice;
  device?: { model: string; firmware: string };
  /** Checks on the finding (the first one with the code) and on all findings. */
  check?: (f: Finding, all: Finding[]) => void;
}

const RTX_CODES = FINDING_CODES.filter((c) => FINDING_CATALOG[c].appliesTo.includes('rtx'));

function run(c: Case): Finding[] {
  const input = transcriptInput(c.outputs(), c.notice);
  if (c.device) input.device = c.device;
  const r = diagnose(input);
  expect(r.notes.filter((n) => n.startsWith('rule '))).toEqual([]);
  return r.findings;
}

const v6ra = () => loadCase('healthy-v6plus-rtx830-ra');
const v6pd = () => loadCase('healthy-v6plus-rtx1300-pd');
const ocn = () => loadCase('healthy-ocn-rtx1300');
const biglobe = () => loadCase('healthy-biglobe-rtx830');
const transix = () => loadCase('healthy-transix-dslite-rtx830');
const fixed = () => loadCase('healthy-v6plus-fixed-rtx1300');
const field = () => loadCase('field-000');

const NO_PD = (o: Outputs) => edit(o, 'show status ipv6 dhcp', / {6}prefix: [^\n]*\n(?:.*\n){5}/, '');
const RA_ON_LAN2 = `
LAN1 scope-id 1 [up]
    fe80::2a0:deff:fe12:3456/64 (link-local)
LAN2 scope-id 2 [up]
    fe80::2a0:deff:fe12:3457/64 (link-local)
    240b:11:b901:1800:2a0:deff:fe12:3457/64 (global)
`;
const NO_GLOBAL = `
LAN1 scope-id 1 [up]
    fe80::2a0:deff:feaa:110/64 (link-local)
LAN2 scope-id 2 [up]
    fe80::2a0:deff:feaa:111/64 (link-local)
`;
const PING_LOST = (target: string) => `
Request timeout for icmp_seq 0
Request timeout for icmp_seq 1
Request timeout for icmp_seq 2

--- ${target} ping statistics ---
3 packets transmitted, 0 packets received, 100.0% packet loss
`;

const FIRES: Record<string, Case[]> = {
  IPV6_NO_PREFIX: [
    {
      name: 'PD config, the DHCPv6 client holds no lease',
      outputs: () => NO_PD(v6pd()),
      check: (f) => {
        expect(f.evidence.map((e) => e.command)).toContain('show status ipv6 dhcp');
        expect(f.checklist?.[0]?.party).toBe('isp');
      },
    },
    {
      name: 'RA config, no interface has a global address',
      outputs: () => ({ ...v6ra(), 'show ipv6 address': NO_GLOBAL }),
      check: (f) => expect(f.explanation.en).toContain('No interface has a global IPv6 address'),
    },
  ],
  IPV6_PREFIX_SOURCE_MISMATCH: [
    {
      name: 'dhcp-prefix@lan2 on a line that gives RA only',
      outputs: () => ({ ...NO_PD(v6pd()), 'show ipv6 address': RA_ON_LAN2 }),
      check: (f, all) => {
        expect(f.fix?.commands).toEqual([
          'ipv6 prefix 1 ra-prefix@lan2::/64',
          'ipv6 lan1 address ra-prefix@lan2::1/64',
          'ipv6 lan2 dhcp service client ir=on',
        ]);
        expect(f.fix?.inverse).toEqual([
          'ipv6 lan2 dhcp service client',
          'ipv6 lan1 address dhcp-prefix@lan2::1/64',
          'ipv6 prefix 1 dhcp-prefix@lan2::/64',
        ]);
        expect(all.map((x) => x.code)).not.toContain('IPV6_NO_PREFIX');
      },
    },
    {
      name: 'ra-prefix@lan2 on a line that delegates by PD',
      outputs: () => ({
        ...edit(v6ra(), 'show config', 'ipv6 lan2 dhcp service client ir=on', 'ipv6 lan2 dhcp service client'),
        'show status ipv6 dhcp': loadCase('healthy-v6plus-rtx1300-pd')['show status ipv6 dhcp'] ?? '',
        'show ipv6 address': NO_GLOBAL,
      }),
      check: (f) => expect(f.fix?.commands).toEqual(['ipv6 prefix 1 dhcp-prefix@lan2::/64', 'ipv6 lan1 address dhcp-prefix@lan2::1/64']),
    },
  ],
  NGN_TYPE_MISSING: [
    {
      name: 'no ngn type line',
      outputs: () => edit(v6ra(), 'show config', 'ngn type lan2 ntt\n', ''),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['ngn type lan2 ntt']);
        expect(f.fix?.inverse).toEqual(['no ngn type lan2']);
        expect(f.fix?.check).toEqual({ kind: 'ping', family: 6, target: '2404:9200:225:100::64' });
      },
    },
    {
      name: 'ngn type lan2 off',
      outputs: () => edit(v6pd(), 'show config', 'ngn type lan2 ntt', 'ngn type lan2 off'),
      check: (f) => expect(f.fix?.inverse).toEqual(['ngn type lan2 off']),
    },
  ],
  IPV6_FILTER_BLOCKS_IPIP: [
    {
      name: '200031 (pass protocol 4) not bound to lan2',
      outputs: () => edit(v6pd(), 'show config', 'secure filter in 200030 200031 200038 200039', 'secure filter in 200030 200038 200039'),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['ipv6 lan2 secure filter in 200030 200038 200031 200039']);
        expect(f.fix?.inverse).toEqual(['ipv6 lan2 secure filter in 200030 200038 200039']);
      },
    },
    {
      name: 'no protocol-4 filter at all',
      outputs: () => edit(edit(fixed(), 'show config', 'ipv6 filter 200031 pass * * 4\n', ''), 'show config', 'in 200030 200031 200038 200039', 'in 200030 200038 200039'),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['ipv6 filter 200031 pass * * 4', 'ipv6 lan2 secure filter in 200030 200038 200031 200039']);
        expect(f.fix?.inverse).toEqual(['ipv6 lan2 secure filter in 200030 200038 200039', 'no ipv6 filter 200031']);
      },
    },
  ],
  BR_UNREACHABLE: [
    {
      name: 'ping6 to the v6plus BR lost every packet',
      outputs: () => ({ ...v6pd(), 'ping6 2404:9200:225:100::64': PING_LOST('2404:9200:225:100::64') }),
      check: (f) => {
        expect(f.checklist?.map((c) => c.party)).toEqual(['isp', 'vne']);
        expect(f.evidence[0]?.excerpt).toContain('3 packets transmitted, 0 packets received, 100.0% packet loss');
      },
    },
  ],
  SERVICE_UNKNOWN_PREFIX: [
    {
      name: 'MAP-E config on a prefix outside every rule',
      outputs: () => edit(v6pd(), 'show status ipv6 dhcp', '240b:11:b901:1800::/56', '2409:10:aa40:3a00::/56'),
      check: (f) => expect(f.severity).toBe('info'),
    },
  ],
  BR_ADDRESS_WRONG: [
    { name: 'field report 000: 255 typed for 225', outputs: field },
    {
      name: 'fixed IP aimed at the dynamic MAP-E BR ::64',
      outputs: () => edit(fixed(), 'show config', 'tunnel endpoint address 2404:9200:225:100::65', 'tunnel endpoint address 2404:9200:225:100::64'),
      check: (f) => expect(f.explanation.en).toContain('dynamic-IP (MAP-E) BR'),
    },
    {
      name: 'BIGLOBE tunnel that ended up at the v6plus DMR ::64',
      outputs: () => edit(biglobe(), 'show status tunnel 1', 'Remote endpoint address: 2001:260:700:1::1:275', 'Remote endpoint address: 2404:9200:225:100::64'),
      check: (f) => {
        expect(f.explanation.en).toContain('2001:260:700:1::1:275');
        expect(f.explanation.en).toContain('east :275, west :276');
        expect(f.checklist?.map((c) => c.party)).toEqual(['vendor', 'vne']);
        expect(f.fix).toBeUndefined();
      },
    },
    {
      name: 'DS-Lite AFTR name typo',
      outputs: () => edit(transix(), 'show config', 'gw.transix.jp', 'gw.transx.jp'),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['tunnel select 1', 'tunnel endpoint name gw.transix.jp fqdn']);
        expect(f.fix?.inverse).toEqual(['tunnel select 1', 'tunnel endpoint name gw.transx.jp fqdn']);
      },
    },
    {
      name: 'the notice gives a BR the config does not use',
      outputs: fixed,
      notice: { br: '2404:9200:225:100::66' },
      check: (f) => expect(f.data).toMatchObject({ expected: '2404:9200:225:100::66', source: 'notice' }),
    },
  ],
  CE_ADDRESS_WRONG: [
    {
      name: 'fixed IP: the LAN address uses another interface ID than the notice',
      outputs: fixed,
      notice: { interfaceId: '::1b:5936:1800:1' },
      check: (f) => {
        expect(f.fix?.commands).toEqual(['ipv6 lan1 address dhcp-prefix@lan2::1b:5936:1800:1/64']);
        expect(f.fix?.inverse).toEqual(['ipv6 lan1 address dhcp-prefix@lan2::1b:5936:1800:0/64']);
        expect(f.explanation.en).toContain('240b:11:b901:1800:1b:5936:1800:1');
      },
    },
    {
      name: 'fixed IP: the CE is not in subnet 0',
      outputs: () => edit(fixed(), 'show config', 'dhcp-prefix@lan2::1b:5936:1800:0/64', 'dhcp-prefix@lan2:0:0:1:1b:5936:1800:0/64'),
      check: (f) => expect(f.explanation.en).toContain('not in subnet 0'),
    },
    {
      name: 'MAP-E: the router reports another local address',
      outputs: () => edit(v6pd(), 'show status tunnel 1', '240b:11:b901:1800:6a:49b9:100:1800', '240b:11:b901:1801:6a:49b9:100:1800'),
      check: (f) => expect(f.checklist?.[0]?.party).toBe('vendor'),
    },
    {
      name: 'an explicit local endpoint that is not the computed CE',
      outputs: () => edit(v6pd(), 'show config', ' tunnel map-e type v6plus\n', ' tunnel map-e type v6plus\n tunnel endpoint address 240b:11:b901:1800::1 2404:9200:225:100::64\n'),
      check: (f) => expect(f.fix?.commands).toEqual(['tunnel select 1', 'tunnel endpoint address 240b:11:b901:1800:6a:49b9:100:1800 2404:9200:225:100::64']),
    },
  ],
  TUNNEL_DISABLED: [
    {
      name: 'no tunnel enable',
      outputs: () => edit(fixed(), 'show config', /tunnel enable 1\n/g, ''),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['tunnel enable 1']);
        expect(f.fix?.inverse).toEqual(['tunnel disable 1']);
      },
    },
    {
      name: 'enabled but the router reports it Offline',
      outputs: () => edit(fixed(), 'show status ipip', 'Current status is Online.', 'Current status is Offline.'),
      check: (f) => expect(f.checklist?.[0]?.party).toBe('vendor'),
    },
  ],
  TUNNEL_NO_RX: [{ name: 'field report 000', outputs: field, check: (f) => expect(f.causes).toContain('BR_ADDRESS_WRONG') }],
  DEFAULT_ROUTE_NOT_TUNNEL: [
    {
      name: 'default route over PPPoE',
      outputs: () =>
        edit(edit(v6ra(), 'show config', 'ip route default gateway tunnel 1', 'ip route default gateway pp 1'), 'show ip route', /default[^\n]*/, 'default             -                   PP[01]    static'),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['ip route default gateway tunnel 1']);
        expect(f.fix?.inverse).toEqual(['ip route default gateway pp 1']);
      },
    },
    {
      name: 'no default route at all (config and routing table)',
      outputs: () => edit(edit(v6ra(), 'show config', 'ip route default gateway tunnel 1\n', ''), 'show ip route', /default[^\n]*\n/, ''),
      check: (f) => expect(f.fix?.inverse).toEqual(['no ip route default']),
    },
  ],
  FIRMWARE_TOO_OLD: [
    {
      name: 'RTX830 on a pre-15.02 revision (synthetic) with MAP-E',
      outputs: () => edit(v6ra(), 'show config', 'Rev.15.02.31', 'Rev.15.01.05'),
      check: (f) => {
        expect(f.data).toMatchObject({ model: 'RTX830', firmware: '15.01.05', minimum: '15.02.00', feature: 'map-e' });
        expect(f.checklist?.[0]?.party).toBe('vendor');
      },
    },
  ],
  DEVICE_UNSUPPORTED_SERVICE: [
    {
      name: 'RTX1200 cannot do MAP-E',
      outputs: () => edit(v6ra(), 'show config', /RTX830 Rev\.15\.02\.31/, 'RTX1200 Rev.10.01.71'),
      check: (f) => {
        expect(f.severity).toBe('error');
        expect(f.checklist?.[0]?.item.en).toContain('Linux CE mode');
      },
    },
    {
      name: 'a consumer router the table does not know (warning)',
      outputs: () => edit(fixed(), 'show config', /^# RTX1300 Rev[^\n]*\n/, ''),
      device: { model: 'WRC-X6000XS', firmware: '1.0.0' },
      check: (f) => {
        expect(f.severity).toBe('warning');
        expect(f.checklist?.[0]?.party).toBe('vendor');
      },
    },
  ],
  AFTR_NAME_UNRESOLVED: [
    {
      name: 'ping6 gw.transix.jp cannot resolve (synthetic error text)',
      outputs: () => ({ ...edit(transix(), 'show config', 'dns server dhcp lan2\n', ''), 'ping6 gw.transix.jp': 'Error: Failed to resolve host name gw.transix.jp\n' }),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['dns server dhcp lan2']);
        expect(f.fix?.inverse).toEqual(['no dns server dhcp lan2']);
      },
    },
  ],
  FIXEDIP_UPDATE_NOT_CONFIGURED: [
    {
      name: 'the script is there but no schedule starts it',
      outputs: () => edit(fixed(), 'show config', 'schedule at 1 startup * lua emfs:/v6plus_address_notification.lua\n', ''),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['schedule at 1 startup * lua emfs:/v6plus_address_notification.lua']);
        expect(f.fix?.inverse).toEqual(['no schedule at 1']);
      },
    },
    {
      name: 'no script at all',
      outputs: () => edit(fixed(), 'show config', /# V6PLUS NOTIFY[\s\S]*EOF\n/, ''),
      check: (f) => {
        expect(f.fix).toBeUndefined();
        expect(f.explanation.en).toContain('http://fcs.enabler.ne.jp/update');
      },
    },
  ],
  FIXEDIP_UPDATE_FAILED: [
    {
      name: 'the server answered NG',
      outputs: () => edit(fixed(), 'show log', '[v6plus] OK to update IPv6 address. (code=200, body=OK', '[v6plus] NG to update IPv6 address. (code=401, body=NG'),
      check: (f) => {
        expect(f.data).toMatchObject({ code: 401 });
        expect(f.checklist?.map((c) => c.party)).toEqual(['vne', 'isp']);
      },
    },
    {
      name: 'the server could not be reached',
      outputs: () =>
        edit(
          fixed(),
          'show log',
          /2022\/12\/13 01:42:55: \[v6plus\] Notified[^\n]*\n[^\n]*\n?/,
          '2022/12/13 01:42:55: [v6plus] Failed to notify IPv6 address to the update server. (remaining retry: 2 time(s))\n2022/12/13 01:43:25: [v6plus] Failed to notify IPv6 address to the update server\n',
        ),
    },
  ],
  FIXEDIP_PREFIX_LOG_OFF: [
    {
      name: 'no ipv6 lan1 prefix change log on',
      outputs: () => edit(fixed(), 'show config', 'ipv6 lan1 prefix change log on\n', ''),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['ipv6 lan1 prefix change log on']);
        expect(f.fix?.inverse).toEqual(['no ipv6 lan1 prefix change log']);
      },
    },
  ],
  FIXEDIP_IID_MISMATCH: [
    {
      name: 'the interface ID does not embed the fixed IP',
      outputs: () => edit(fixed(), 'show config', 'dhcp-prefix@lan2::1b:5936:1800:0/64', 'dhcp-prefix@lan2::1b:5936:1900:0/64'),
      check: (f) => {
        expect(f.severity).toBe('warning');
        expect(f.data).toMatchObject({ impliedByFixedIp: '::1b:5936:1800:0' });
      },
    },
  ],
  FIXEDIP_NAT_OUTER_MISMATCH: [
    {
      name: 'the notice gives another fixed IP',
      outputs: fixed,
      notice: { fixedIpv4: '27.89.54.30' },
      check: (f) => {
        expect(f.fix?.commands).toEqual(['nat descriptor address outer 1 27.89.54.30']);
        expect(f.fix?.inverse).toEqual(['nat descriptor address outer 1 27.89.54.24']);
      },
    },
  ],
  NAT_DESCRIPTOR_MISSING: [
    {
      name: 'MAP-E tunnel without NAT',
      outputs: () => edit(v6ra(), 'show config', ' ip tunnel nat descriptor 1000\n', ''),
      check: (f) => {
        expect(f.fix?.commands).toEqual([
          'nat descriptor type 1001 masquerade',
          'nat descriptor address outer 1001 map-e',
          'tunnel select 1',
          'ip tunnel nat descriptor 1001',
        ]);
        expect(f.fix?.inverse).toEqual(['tunnel select 1', 'no ip tunnel nat descriptor', 'no nat descriptor address outer 1001', 'no nat descriptor type 1001']);
      },
    },
  ],
  PORTSET_OUTSIDE: [
    {
      name: 'MAP-E masquerade with outer primary (default port pool)',
      outputs: () => edit(v6ra(), 'show config', 'nat descriptor address outer 1000 map-e', 'nat descriptor address outer 1000 primary'),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['nat descriptor address outer 1000 map-e']);
        expect(f.fix?.inverse).toEqual(['nat descriptor address outer 1000 primary']);
        expect(f.fix?.check).toEqual({ kind: 'output-contains', command: 'show nat descriptor address', text: '6672-6687' });
      },
    },
    {
      name: 'the router translates into the default pool',
      outputs: () => edit(v6ra(), 'show nat descriptor address', /Port range: [^\n]*12 sessions\./, 'Port range: 60000-64095, 49152-59999, 44096-49151   12 sessions.'),
    },
  ],
  PORTSET_PARTIAL: [
    {
      name: 'one 16-port block configured',
      outputs: () => edit(v6ra(), 'show config', 'nat descriptor address outer 1000 map-e\n', 'nat descriptor address outer 1000 map-e\nnat descriptor masquerade port range 1000 6672-6687\n'),
      check: (f) => {
        expect(f.severity).toBe('warning');
        expect(f.data).toMatchObject({ used: 16, total: 240 });
        expect(f.fix?.commands).toEqual(['no nat descriptor masquerade port range 1000']);
        expect(f.fix?.inverse).toEqual(['nat descriptor masquerade port range 1000 6672-6687']);
      },
    },
    {
      name: 'the router uses the first block only',
      outputs: () => edit(v6ra(), 'show nat descriptor address', /Port range: [^\n]*12 sessions\./, 'Port range: 6672-6687   12 sessions.'),
      check: (f) => expect(f.checklist?.[0]?.party).toBe('vendor'),
    },
  ],
  ICMP_NOT_TRANSLATED: [
    {
      name: 'IPv4 ping fails while the tunnel receives',
      outputs: () => ({ ...v6pd(), 'ping 8.8.8.8': PING_LOST('8.8.8.8') }),
      check: (f) => expect(f.severity).toBe('warning'),
    },
  ],
  TUNNEL_MTU_TOO_LARGE: [
    {
      name: 'ip tunnel mtu 1500',
      outputs: () => edit(ocn(), 'show config', 'ip tunnel mtu 1460', 'ip tunnel mtu 1500'),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['tunnel select 1', 'ip tunnel mtu 1460']);
        expect(f.fix?.inverse).toEqual(['tunnel select 1', 'ip tunnel mtu 1500']);
      },
    },
  ],
  MSS_CLAMP_MISSING: [
    {
      name: 'no ip tunnel tcp mss limit',
      outputs: () => edit(transix(), 'show config', ' ip tunnel tcp mss limit auto\n', ''),
      check: (f) => expect(f.fix?.inverse).toEqual(['tunnel select 1', 'no ip tunnel tcp mss limit']),
    },
  ],
  IPV4_FILTER_LAN_MISMATCH: [
    { name: 'field report 000', outputs: field },
    {
      name: 'an outbound filter naming another LAN as source',
      outputs: () => edit(v6ra(), 'show config', 'ip filter 400099 pass * * * * *', 'ip filter 400099 pass 192.168.1.0/24 * * * *'),
      check: (f) => expect(f.fix?.commands).toEqual(['ip filter 400099 pass 192.168.100.0/24 * * * *']),
    },
  ],
};

/** Near misses: inputs that look like the problem but are not it. */
const QUIET: Record<string, Case[]> = {
  IPV6_NO_PREFIX: [
    { name: 'RA line: no PD lease is normal', outputs: v6ra },
    { name: 'a placeholder prefix still is a lease', outputs: () => edit(v6pd(), 'show status ipv6 dhcp', '240b:11:b901:1800::/56', '(IPv6アドレス)/56') },
    { name: 'nothing about IPv6 was gathered', outputs: () => ({ 'show config': v6pd()['show config'] ?? '' }) },
  ],
  IPV6_PREFIX_SOURCE_MISMATCH: [{ name: 'PD line without any RA evidence', outputs: () => NO_PD(v6pd()) }],
  NGN_TYPE_MISSING: [{ name: 'no IPoE on the interface', outputs: () => ({ 'show config': 'ip lan1 address 192.168.1.1/24\n' }) }],
  IPV6_FILTER_BLOCKS_IPIP: [{ name: 'no inbound filter on the WAN at all', outputs: () => edit(v6pd(), 'show config', /ipv6 lan2 secure filter in [^\n]*\n/, '') }],
  BR_UNREACHABLE: [
    { name: 'a failed ping6 to a mistyped BR is not the underlay', outputs: () => ({ ...field(), 'ping6 2404:9200:255:100::65': PING_LOST('2404:9200:255:100::65') }) },
    { name: 'the BR answers', outputs: v6pd },
  ],
  SERVICE_UNKNOWN_PREFIX: [{ name: 'DS-Lite has nothing to compute', outputs: transix }],
  BR_ADDRESS_WRONG: [
    {
      name: 'fixed IP with a BR far from the public one and no notice: the contract may say so',
      outputs: () => edit(fixed(), 'show config', 'tunnel endpoint address 2404:9200:225:100::65', 'tunnel endpoint address 2404:9200:1:2::5'),
    },
    { name: 'transix West AFTR by address', outputs: () => edit(transix(), 'show config', 'tunnel endpoint name gw.transix.jp fqdn', 'tunnel endpoint address 2404:8e01::feed:100') },
    { name: 'transix fixed IP: the catalog BR is only a sample', outputs: fixed, notice: { serviceId: 'transix-fixed' } },
  ],
  CE_ADDRESS_WRONG: [{ name: 'the notice agrees with the config', outputs: fixed, notice: { interfaceId: '1b:5936:1800:0' } }],
  TUNNEL_DISABLED: [{ name: 'tunnel enable all', outputs: () => edit(fixed(), 'show config', /tunnel enable 1\n/g, 'tunnel enable all\n') }],
  TUNNEL_NO_RX: [{ name: 'nothing sent yet either', outputs: () => edit(field(), 'show status ipip', '(IPv4) 10 packets [520 octets]', '(IPv4) 0 packet [0 octet]') }],
  DEFAULT_ROUTE_NOT_TUNNEL: [{ name: 'the routing table says the tunnel', outputs: () => edit(v6ra(), 'show config', 'ip route default gateway tunnel 1\n', '') }],
  FIRMWARE_TOO_OLD: [{ name: 'a model the table has no minimum for', outputs: () => edit(v6ra(), 'show config', 'RTX830 Rev.15.02.31', 'RTX1210 Rev.14.01.05') }],
  DEVICE_UNSUPPORTED_SERVICE: [
    { name: 'RTX1200 doing DS-Lite (IPIP is not marked unsupported)', outputs: () => edit(transix(), 'show config', 'RTX830 Rev.15.02.31', 'RTX1200 Rev.10.01.71') },
  ],
  AFTR_NAME_UNRESOLVED: [
    {
      name: 'the AFTR name resolves',
      outputs: () => ({ ...transix(), 'ping6 gw.transix.jp': 'received from 2404:8e00::feed:100: icmp_seq=0 hlim=58 time=5.1ms\n\n1 packets transmitted, 1 packets received, 0.0% packet loss\n' }),
    },
  ],
  FIXEDIP_UPDATE_NOT_CONFIGURED: [{ name: 'MAP-E needs no update', outputs: v6pd }],
  FIXEDIP_UPDATE_FAILED: [
    {
      name: 'an NG followed by an OK',
      outputs: () =>
        edit(fixed(), 'show log', '2022/12/13 01:42:55: [v6plus] Notified', '2022/12/13 01:42:50: [v6plus] NG to update IPv6 address. (code=500, body=\n2022/12/13 01:42:55: [v6plus] Notified'),
    },
  ],
  FIXEDIP_PREFIX_LOG_OFF: [{ name: 'no script: nothing waits for the log', outputs: () => edit(edit(fixed(), 'show config', /# V6PLUS NOTIFY[\s\S]*EOF\n/, ''), 'show log', /.*/, 'x') }],
  FIXEDIP_IID_MISMATCH: [{ name: 'transix fixed IP assigns IDs its own way', outputs: () => edit(fixed(), 'show config', '1b:5936:1800:0/64', 'feed/64'), notice: { serviceId: 'transix-fixed' } }],
  FIXEDIP_NAT_OUTER_MISMATCH: [{ name: 'no notice: nothing to compare with', outputs: fixed }],
  NAT_DESCRIPTOR_MISSING: [{ name: 'DS-Lite: the AFTR translates', outputs: transix }],
  PORTSET_OUTSIDE: [{ name: 'fixed IP uses the default pool legitimately', outputs: fixed }],
  PORTSET_PARTIAL: [{ name: 'every block in use', outputs: ocn }],
  ICMP_NOT_TRANSLATED: [
    { name: 'IPv4 ping fails but the tunnel receives nothing (another problem)', outputs: () => ({ ...field(), 'ping 8.8.8.8': PING_LOST('8.8.8.8') }) },
  ],
  TUNNEL_MTU_TOO_LARGE: [{ name: 'a small MTU is not too large', outputs: () => edit(fixed(), 'show config', 'ip tunnel mtu 1460', 'ip tunnel mtu 1000') }],
  MSS_CLAMP_MISSING: [
    { name: 'clamped on the LAN instead', outputs: () => edit(edit(transix(), 'show config', ' ip tunnel tcp mss limit auto\n', ''), 'show config', 'ip lan1 address 192.168.0.1/24\n', 'ip lan1 address 192.168.0.1/24\nip lan1 tcp mss limit auto\n') },
  ],
  IPV4_FILTER_LAN_MISMATCH: [{ name: 'a reject naming another network is harmless', outputs: () => edit(v6ra(), 'show config', 'ip filter 400039 reject * * * * *', 'ip filter 400039 reject * 10.0.0.0/8 * * *') }],
};

describe('RTX rule coverage', () => {
  it('covers every code that applies to RTX, with a firing and a quiet case', () => {
    for (const code of RTX_CODES) {
      expect(FIRES[code]?.length ?? 0, code).toBeGreaterThan(0);
      expect(QUIET[code]?.length ?? 0, code).toBeGreaterThan(0);
    }
  });
});

describe.each(RTX_CODES)('%s', (code: FindingCode) => {
  it.each((FIRES[code] ?? []).map((c) => [c.name, c] as const))('fires: %s', (_name, c) => {
    const all = run(c);
    const f = all.find((x) => x.code === code);
    expect(f, `${code} in ${all.map((x) => x.code).join(', ')}`).toBeDefined();
    if (!f) return;
    expect(f.evidence.length).toBeGreaterThan(0);
    expect(f.fix !== undefined || (f.checklist?.length ?? 0) > 0 || FINDING_CATALOG[code].severity === 'info').toBe(true);
    for (const cmd of f.fix?.commands ?? []) expect(cmd).not.toMatch(/^(save|administrator)\b/);
    c.check?.(f, all);
  });

  it.each([...HEALTHY_CASES.map((h) => [h, { name: h, outputs: () => loadCase(h) }] as const), ...(QUIET[code] ?? []).map((c) => [c.name, c] as const)])(
    'quiet: %s',
    (_name, c) => {
      expect(run(c).map((x) => x.code)).not.toContain(code);
    },
  );
});
