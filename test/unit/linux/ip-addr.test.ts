import { describe, expect, it } from 'vitest';
import { parseIpAddrJson, parseIpAddrText } from '../../../shared/linux/index.js';
import { fixture, lineOf } from './fixtures.js';

describe('ip -6 addr (text)', () => {
  const text = fixture('report003/ip-6-addr.txt');
  const r = parseIpAddrText(text);

  it('reads interfaces and their addresses with prefix length, scope, flags and lifetimes', () => {
    expect(r.unrecognised).toEqual([]);
    expect(r.interfaces.map((i) => i.name)).toEqual(['lo', 'eth0', 'eth1', 'mape']);
    const slaac = r.addresses.find((a) => a.address === '2404:7a82:4d02:4100:5054:ff:fe12:3456')!;
    expect(slaac).toMatchObject({
      ifname: 'eth1',
      ifindex: 3,
      family: 'inet6',
      prefixLength: 64,
      scope: 'global',
      flags: ['dynamic', 'mngtmpaddr', 'noprefixroute'],
      validLifetime: 2591784,
      preferredLifetime: 604584,
    });
    const line = lineOf(text, '2404:7a82:4d02:4100:5054');
    expect(slaac.evidence).toEqual({ command: 'ip -6 addr', lines: [line, line + 1] });
    expect(r.addresses.find((a) => a.address === '::1')).toMatchObject({ prefixLength: 128, scope: 'host', validLifetime: 'forever' });
  });

  it('finds no CE address on eth1 in field report 003', () => {
    expect(r.addresses.filter((a) => a.ifname === 'eth1' && a.scope === 'global').map((a) => a.prefixLength)).toEqual([64]);
  });

  it('reads IPv4 addresses, peers and labels from `ip addr`', () => {
    const v4 = parseIpAddrText(`6: mape@eth1: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1460 qdisc noqueue state UNKNOWN group default qlen 1000
    link/tunnel6 2404:7a82:4d02:4100:85:d10d:200:4100 peer 2404:9200:225:100::64 permaddr 12:34::
    inet 133.209.13.2/32 scope global mape
       valid_lft forever preferred_lft forever
    inet 10.0.0.1 peer 10.0.0.2/32 scope global mape:1
       valid_lft forever preferred_lft forever`);
    expect(v4.addresses).toMatchObject([
      { ifname: 'mape', family: 'inet', address: '133.209.13.2', prefixLength: 32, label: 'mape' },
      { address: '10.0.0.1', peer: '10.0.0.2', prefixLength: 32, label: 'mape:1' },
    ]);
  });
});

describe('ip -j -6 addr (JSON)', () => {
  it('reads the CE /128 and the SLAAC address with flags and lifetimes', () => {
    const r = parseIpAddrJson(fixture('healthy/ip-j-6-addr.json'));
    expect(r.addresses.find((a) => a.address === '2404:7a82:4d02:4100:85:d10d:200:4100')).toMatchObject({
      ifname: 'eth1',
      prefixLength: 128,
      scope: 'global',
      flags: [],
      validLifetime: 'forever',
      evidence: { command: 'ip -j -6 addr', lines: [1], jsonIndex: 1 },
    });
    expect(r.addresses.find((a) => a.prefixLength === 64 && a.scope === 'global')).toMatchObject({
      flags: ['dynamic', 'mngtmpaddr', 'noprefixroute'],
      validLifetime: 2591784,
      preferredLifetime: 604584,
    });
  });

  it('skips the empty objects -6 leaves for IPv4-only interfaces', () => {
    expect(parseIpAddrJson('[{},{"ifindex":2,"ifname":"eth0","flags":["UP"],"addr_info":[]}]').interfaces.map((i) => i.name)).toEqual(['eth0']);
  });
});
