import { describe, expect, it } from 'vitest';
import { portRanges } from '../../../shared/mape/port-set.js';
import {
  findAssignedAddress,
  parseCommandOutput,
  portCoverage,
  routeFor,
  summariseCe,
  type CeFacts,
  type ParsedOutput,
} from '../../../shared/linux/index.js';
import { fixture } from './fixtures.js';

/** PSID 65 under the v6plus/BIGLOBE rule (PSID length 8, offset 4): 5136-5151, 9232-9247, … (field report 003). */
const PORT_SET = portRanges(65, 8, 4);
const CE = '2404:7a82:4d02:4100:85:d10d:200:4100';

function read(pairs: [string, string][]): ParsedOutput[] {
  return pairs.map(([command, file]) => {
    const r = parseCommandOutput(command, fixture(file));
    if (!r.ok) throw new Error(`${file}: ${r.message}`);
    return r.parsed;
  });
}

describe('field report 003 (VyOS, text outputs)', () => {
  const facts: CeFacts = summariseCe(
    read([
      ['ip -d link show', 'report003/ip-d-link-show.txt'],
      ['ip -6 tunnel show', 'report003/ip-6-tunnel-show.txt'],
      ['ip -6 addr', 'report003/ip-6-addr.txt'],
      ['ip -6 route', 'report003/ip-6-route.txt'],
      ['ip route', 'report003/ip-route.txt'],
      ['sudo nft list table ip vyos_nat', 'report003/nft-list-table-vyos_nat.txt'],
      ['show configuration commands', 'report003/vyos-show-configuration-commands.txt'],
      ['sysctl -a', 'report003/sysctl-rp_filter.txt'],
    ]),
  );
  const mape = facts.tunnels.find((t) => t.name === 'mape')!;

  it('has the tunnel with default encaplimit 4 and the DMR ::64 as remote', () => {
    expect(mape).toMatchObject({ mode: 'ip4ip6', encapLimit: 4, remote: '2404:9200:225:100::64', local: CE, dev: 'eth1', mtu: 1452, up: true, fallback: false });
    expect(mape.sources).toEqual(['ip-link', 'ip-tunnel']);
    expect(mape.evidence.map((e) => e.command)).toEqual(['ip -d link show', 'ip -6 tunnel show']);
    expect(facts.tunnels.find((t) => t.name === 'ip6tnl0')!.fallback).toBe(true);
  });

  it('finds the CE address assigned to no interface', () => {
    expect(findAssignedAddress(facts, mape.local!)).toBeNull();
  });

  it('has the IPv4 default route into the tunnel and the BR route through the gateway', () => {
    expect(facts.defaultRoutesV4.map((r) => r.dev)).toEqual(['mape']);
    expect(routeFor(facts.routes.ipv6, mape.remote!)).toMatchObject({ via: 'fe80::a611:bbff:fe7d:ee11', prefixLength: 128 });
  });

  it('SNAT covers 16 of the 240 ports for tcp and udp, and does not translate ICMP', () => {
    for (const p of ['tcp', 'udp'] as const) {
      const s = facts.snat.byProtocol[p];
      expect(s.ranges).toEqual([[5136, 5151]]);
      expect(s.unrestricted).toBe(false);
      const cov = portCoverage(s.ranges, PORT_SET);
      expect([cov.covered, cov.total]).toEqual([16, 240]);
      expect(cov.missing).toHaveLength(14);
      expect(cov.outside).toEqual([]);
    }
    expect(facts.snat.byProtocol.icmp).toMatchObject({ untranslated: true, portCount: 0, ranges: [] });
    expect(facts.snat.translationAddresses).toEqual(['133.209.13.2']);
    expect(facts.snat.byProtocol.tcp.evidence.map((e) => e.command)).toContain('sudo nft list table ip vyos_nat');
    expect(facts.snat.byProtocol.tcp.evidence.map((e) => e.command)).toContain('show configuration commands');
  });

  it('has no MSS clamp and strict rp_filter', () => {
    expect(facts.mssClamp.present).toBe(false);
    expect(facts.rpFilter.find((r) => r.iface === 'mape')).toMatchObject({ all: 1, own: 0, effective: 1 });
    expect(facts.seen).toContain('nft');
  });
});

describe('field report 003 (JSON outputs the app runs itself)', () => {
  const facts = summariseCe(
    read([
      ['ip -j -d link show', 'report003/ip-j-d-link-show.json'],
      ['ip -j -6 addr', 'report003/ip-j-6-addr.json'],
      ['ip -j -6 route', 'report003/ip-j-6-route.json'],
      ['ip -j route', 'report003/ip-j-route.json'],
      ['nft -j list ruleset', 'report003/nft-j-list-table-vyos_nat.json'],
    ]),
  );

  it('reaches the same conclusions', () => {
    const mape = facts.tunnels.find((t) => t.name === 'mape')!;
    expect(mape).toMatchObject({ encapLimit: 4, remote: '2404:9200:225:100::64', up: true });
    expect(mape.evidence[0]).toMatchObject({ command: 'ip -j -d link show', jsonIndex: 3 });
    expect(findAssignedAddress(facts, CE)).toBeNull();
    expect(facts.defaultRoutesV4[0]!.dev).toBe('mape');
    expect(portCoverage(facts.snat.byProtocol.tcp.ranges, PORT_SET).covered).toBe(16);
    expect(facts.snat.byProtocol.icmp.untranslated).toBe(true);
  });
});

describe('healthy Linux CE', () => {
  for (const [form, outputs] of [
    [
      'text',
      [
        ['ip -d link show', 'healthy/ip-d-link-show.txt'],
        ['ip -6 tunnel show', 'healthy/ip-6-tunnel-show.txt'],
        ['ip -6 addr', 'healthy/ip-6-addr.txt'],
        ['ip -6 route', 'healthy/ip-6-route.txt'],
        ['ip route', 'healthy/ip-route.txt'],
        ['nft list ruleset', 'healthy/nft-list-ruleset.txt'],
        ['sysctl net.ipv4.conf.all.rp_filter', 'healthy/sysctl-rp_filter.txt'],
      ],
    ],
    [
      'json',
      [
        ['ip -j -d link show', 'healthy/ip-j-d-link-show.json'],
        ['ip -j -6 addr', 'healthy/ip-j-6-addr.json'],
        ['ip -j -6 route', 'healthy/ip-j-6-route.json'],
        ['ip -j route', 'healthy/ip-j-route.json'],
        ['nft -j list ruleset', 'healthy/nft-j-list-ruleset.json'],
        ['sysctl net.ipv4.conf.all.rp_filter', 'healthy/sysctl-rp_filter.txt'],
      ],
    ],
  ] as [string, [string, string][]][]) {
    it(`covers all 240 ports for tcp, udp and icmp, with every fact sound (${form})`, () => {
      const facts = summariseCe(read(outputs));
      const mape = facts.tunnels.find((t) => t.name === 'mape')!;
      expect(mape).toMatchObject({ encapLimit: 'none', mtu: 1460, up: true, local: CE });
      expect(findAssignedAddress(facts, CE)).toMatchObject({ ifname: 'eth1', prefixLength: 128 });
      expect(facts.defaultRoutesV4[0]!.dev).toBe('mape');
      for (const p of ['tcp', 'udp', 'icmp'] as const) {
        const s = facts.snat.byProtocol[p];
        expect(portCoverage(s.ranges, PORT_SET)).toEqual({ covered: 240, total: 240, missing: [], outside: [] });
        expect(s.unrestricted).toBe(false);
        expect(s.evidence).toHaveLength(15);
      }
      expect(facts.snat.marksSet).toEqual(Array.from({ length: 15 }, (_, i) => 0x10 + i));
      expect(facts.snat.rules.every((r) => r.reachable === true && r.persistent)).toBe(true);
      expect(facts.snat.brokenMaps).toEqual([]);
      expect(facts.mssClamp).toMatchObject({ present: true, values: ['rt-mtu'] });
      expect(facts.rpFilter.find((r) => r.iface === 'mape')).toMatchObject({ all: 2, own: 0, effective: 2 });
      expect(facts.rpFilter.find((r) => r.iface === 'eth1')!.effective).toBe(2);
    });
  }
});

describe('SNAT reachability and breakage', () => {
  it('flags the broken numgen map and does not count its ports', () => {
    const facts = summariseCe(read([['nft list ruleset', 'nft/broken-numgen-map.txt']]));
    expect(facts.snat.brokenMaps).toHaveLength(1);
    expect(facts.snat.rules.find((r) => r.brokenMap)!.brokenMapEntries).toEqual(['0 : 7216-0', '1 : 11312-0', '2 : 15408-0']);
    expect(facts.snat.byProtocol.tcp.portCount).toBe(0);
    expect(facts.snat.byProtocol.udp.portCount).toBe(4);
    // No tunnel known: the eth0 masquerade counts too, and leaves ports unconstrained.
    expect(facts.snat.byProtocol.icmp.unrestricted).toBe(true);
  });

  it('ignores rules for other interfaces once the tunnel is known', () => {
    const facts = summariseCe(read([
      ['ip -6 tunnel show', 'report003/ip-6-tunnel-show.txt'],
      ['nft list ruleset', 'nft/broken-numgen-map.txt'],
    ]));
    expect(facts.snat.byProtocol.icmp).toMatchObject({ untranslated: true, unrestricted: false });
  });

  it('treats per-mark SNAT rules as unreachable when nothing sets their mark', () => {
    const r = parseCommandOutput('nft list ruleset', `table ip t {
  chain p { type nat hook postrouting priority srcnat; policy accept;
    oifname "mape" meta mark 0x10 snat to 1.2.3.4:5136-5151
    oifname "mape" meta l4proto { tcp, udp } snat to 1.2.3.4:9232-9247
  }
}`);
    if (!r.ok) throw new Error(r.message);
    const facts = summariseCe([r.parsed]);
    expect(facts.snat.rules.map((x) => x.reachable)).toEqual([false, true]);
    expect(facts.snat.byProtocol.tcp.ranges).toEqual([[9232, 9247]]);
    expect(facts.snat.byProtocol.icmp.untranslated).toBe(true);
  });
});

describe('VyOS configuration alone', () => {
  it('defaults encaplimit to 4 and maps source-validation to rp_filter', () => {
    const r = parseCommandOutput('show configuration commands', `set interfaces ethernet eth1 ip source-validation 'loose'
set interfaces tunnel tun0 encapsulation 'ipip6'
set interfaces tunnel tun0 remote '2404:9200:225:100::64'
set interfaces tunnel tun0 source-address '${CE}'
set interfaces tunnel tun0 ip adjust-mss 'clamp-mss-to-pmtu'
set protocols static route 0.0.0.0/0 interface tun0`);
    if (!r.ok) throw new Error(r.message);
    const facts = summariseCe([r.parsed]);
    expect(facts.tunnels[0]).toMatchObject({ name: 'tun0', mode: 'ip4ip6', encapLimit: 4, remote: '2404:9200:225:100::64', up: null, sources: ['vyos-config'] });
    expect(facts.rpFilter.find((x) => x.iface === 'eth1')).toMatchObject({ own: 2, effective: 2 });
    expect(facts.mssClamp.present).toBe(true);
    expect(facts.defaultRoutesV4).toMatchObject([{ dev: 'tun0', proto: 'static' }]);
  });
});
