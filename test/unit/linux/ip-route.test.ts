import { describe, expect, it } from 'vitest';
import { parseIpRouteJson, parseIpRouteText } from '../../../shared/linux/index.js';
import { fixture, lineOf } from './fixtures.js';

describe('ip -6 route / ip route (text)', () => {
  it('reads the route to the BR through the router link-local gateway', () => {
    const text = fixture('report003/ip-6-route.txt');
    const { routes, unrecognised } = parseIpRouteText(text, { family: 'inet6' });
    expect(unrecognised).toEqual([]);
    expect(routes[0]).toMatchObject({
      family: 'inet6',
      type: 'unicast',
      destination: '2404:9200:225:100::64/128',
      prefixLength: 128,
      via: 'fe80::a611:bbff:fe7d:ee11',
      dev: 'eth1',
      proto: null,
      metric: 1024,
      pref: 'medium',
      evidence: { command: 'ip -6 route', lines: [lineOf(text, '2404:9200:225:100::64 via')] },
    });
    expect(routes.at(-1)).toMatchObject({ destination: 'default', prefixLength: 0, via: 'fe80::a611:bbff:fe7d:ee11', proto: 'ra' });
  });

  it('reads an on-link route to the BR (no via), as field report 003 had before its fix', () => {
    const [r] = parseIpRouteText('2404:9200:225:100::64 dev eth1 metric 1024 pref medium').routes;
    expect(r).toMatchObject({ family: 'inet6', via: null, dev: 'eth1' });
  });

  it('reads `default dev mape` and kernel routes for IPv4', () => {
    const { routes } = parseIpRouteText(fixture('report003/ip-route.txt'));
    expect(routes).toMatchObject([
      { family: 'inet', destination: 'default', via: null, dev: 'mape', scope: 'link' },
      { family: 'inet', destination: '192.168.1.0/24', prefixLength: 24, dev: 'eth0', proto: 'kernel', src: '192.168.1.1' },
    ]);
  });

  it('fills in dev for `ip -6 route show dev eth1`, whose lines leave it out', () => {
    const { routes } = parseIpRouteText('2404:9200:225:100::64 via fe80::a611:bbff:fe7d:ee11 metric 1024 pref medium', { family: 'inet6', dev: 'eth1' });
    expect(routes[0]).toMatchObject({ dev: 'eth1', via: 'fe80::a611:bbff:fe7d:ee11' });
  });

  it('reads route types, flags, multipath next hops and `ip route get` lines', () => {
    const { routes } = parseIpRouteText(`unreachable default dev lo proto kernel metric 4294967295 error -101 pref medium
default proto ra metric 1024 expires 1783sec pref medium
	nexthop via fe80::1 dev eth1 weight 1 
	nexthop via fe80::2 dev eth1 weight 1 
10.0.0.0/8 via 192.168.1.254 dev eth0 onlink linkdown
8.8.8.8 dev mape src 133.209.13.2 uid 0 
    cache `);
    expect(routes[0]).toMatchObject({ type: 'unreachable', destination: 'default', dev: 'lo' });
    expect(routes[1]!.nexthops).toEqual([
      { via: 'fe80::1', dev: 'eth1', weight: 1 },
      { via: 'fe80::2', dev: 'eth1', weight: 1 },
    ]);
    expect(routes[1]!.evidence.lines).toEqual([2, 3, 4]);
    expect(routes[2]).toMatchObject({ flags: ['onlink', 'linkdown'], via: '192.168.1.254' });
    expect(routes[3]).toMatchObject({ destination: '8.8.8.8/32', dev: 'mape', src: '133.209.13.2' });
    expect(routes[3]!.evidence.lines).toEqual([6, 7]);
  });
});

describe('ip -j route (JSON)', () => {
  it('reads IPv6 routes with gateway, protocol and metric', () => {
    const { routes } = parseIpRouteJson(fixture('report003/ip-j-6-route.json'), { family: 'inet6' });
    expect(routes.find((r) => r.destination === '2404:9200:225:100::64/128')).toMatchObject({ via: 'fe80::a611:bbff:fe7d:ee11', dev: 'eth1', metric: 1024, evidence: { lines: [1], jsonIndex: 0 } });
    expect(routes.find((r) => r.destination === 'default')).toMatchObject({ proto: 'ra', via: 'fe80::a611:bbff:fe7d:ee11' });
  });

  it('reads `default dev mape` from ip -j route', () => {
    const { routes } = parseIpRouteJson(fixture('report003/ip-j-route.json'));
    expect(routes[0]).toMatchObject({ family: 'inet', destination: 'default', dev: 'mape', via: null, scope: 'link' });
    expect(routes[1]).toMatchObject({ destination: '192.168.1.0/24', src: '192.168.1.1', proto: 'kernel' });
  });

  it('reads an IPv4 route through an IPv6 gateway (via inet6)', () => {
    const { routes } = parseIpRouteJson('[{"dst":"default","via":{"family":"inet6","host":"fe80::1"},"dev":"eth1","flags":[]}]', { family: 'inet' });
    expect(routes[0]).toMatchObject({ family: 'inet', via: 'fe80::1' });
  });
});
