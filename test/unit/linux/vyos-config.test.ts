import { describe, expect, it } from 'vitest';
import { parseVyosConfig } from '../../../shared/linux/index.js';
import { fixture, lineOf } from './fixtures.js';

describe('VyOS show configuration commands', () => {
  it('reads field report 003 NAT rules 200 and 210 with their lines', () => {
    const text = fixture('report003/vyos-show-configuration-commands.txt');
    const r = parseVyosConfig(text);
    expect(r.natRules).toMatchObject([
      { kind: 'source', number: 200, outboundInterface: 'mape', sourceAddress: '192.168.1.0/24', protocol: 'tcp_udp', translationAddress: '133.209.13.2', translationPort: '5136-5151', ports: [[5136, 5151]] },
      { kind: 'source', number: 210, outboundInterface: 'mape', sourceAddress: null, protocol: 'tcp_udp', ports: [[5136, 5151]] },
    ]);
    const first = lineOf(text, 'rule 210 outbound-interface');
    expect(r.natRules[1]!.evidence).toEqual({ command: 'show configuration commands', lines: [first, first + 1, first + 2, first + 3] });
    expect(r.addresses).toMatchObject([
      { ifname: 'eth0', address: '192.168.1.1/24' },
      { ifname: 'eth1', address: 'autoconf' },
    ]);
    expect(r.unrecognised).toEqual([]);
  });

  it('reads an ipip6 tunnel, its parameters, static routes, MSS and source validation (1.3 and 1.4 spellings)', () => {
    const r = parseVyosConfig(`set interfaces ethernet eth1 address '2404:7a82:4d02:4100:85:d10d:200:4100/128'
set interfaces ethernet eth1 ip source-validation 'loose'
set interfaces ethernet eth1 vif 100 address 'dhcpv6'
set interfaces tunnel tun0 address '133.209.13.2/32'
set interfaces tunnel tun0 description 'MAP-E tunnel'
set interfaces tunnel tun0 encapsulation 'ipip6'
set interfaces tunnel tun0 ip adjust-mss 'clamp-mss-to-pmtu'
set interfaces tunnel tun0 mtu '1460'
set interfaces tunnel tun0 parameters ipv6 encaplimit 'none'
set interfaces tunnel tun0 remote '2001:260:700:1::1:275'
set interfaces tunnel tun0 source-address '2404:7a82:4d02:4100:85:d10d:200:4100'
set firewall options interface tun1 adjust-mss '1420'
set firewall source-validation 'strict'
set nat source rule 100 outbound-interface 'tun0'
set nat source rule 100 translation address 'masquerade'
set nat source rule 101 disable
set protocols static route 0.0.0.0/0 interface tun0
set protocols static route6 2001:260:700:1::1:275/128 next-hop fe80::1 interface 'eth1'`);
    expect(r.tunnels).toMatchObject([
      { name: 'tun0', encapsulation: 'ipip6', sourceAddress: '2404:7a82:4d02:4100:85:d10d:200:4100', remote: '2001:260:700:1::1:275', addresses: ['133.209.13.2/32'], mtu: 1460, encapLimit: 'none', disabled: false },
    ]);
    expect(r.tunnels[0]!.evidence.lines).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(r.addresses.map((a) => [a.ifname, a.address])).toEqual([
      ['eth1', '2404:7a82:4d02:4100:85:d10d:200:4100/128'],
      ['eth1.100', 'dhcpv6'],
      ['tun0', '133.209.13.2/32'],
    ]);
    expect(r.adjustMss.map((a) => [a.ifname, a.value])).toEqual([
      ['tun0', 'clamp-mss-to-pmtu'],
      ['tun1', '1420'],
    ]);
    expect(r.sourceValidation.map((a) => [a.ifname, a.value])).toEqual([
      ['eth1', 'loose'],
      ['*', 'strict'],
    ]);
    expect(r.natRules).toMatchObject([
      { number: 100, outboundInterface: 'tun0', translationAddress: 'masquerade', ports: null },
      { number: 101, disabled: true },
    ]);
    expect(r.staticRoutes).toMatchObject([
      { family: 'inet', destination: '0.0.0.0/0', interface: 'tun0', nextHop: null },
      { family: 'inet6', destination: '2001:260:700:1::1:275/128', nextHop: 'fe80::1', interface: 'eth1' },
    ]);
  });

  it('leaves encaplimit null (the default 4) when not configured', () => {
    const r = parseVyosConfig("set interfaces tunnel tun0 encapsulation 'ipip6'\nset interfaces tunnel tun0 description 'has spaces in it'");
    expect(r.tunnels[0]!.encapLimit).toBeNull();
  });
});
