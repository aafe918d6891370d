import { describe, expect, it } from 'vitest';
import { BR, codes, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

describe('BR_ROUTE_ONLINK', () => {
  const onlink = mutate(V6PLUS, 'fe80::/64 dev eth0 proto kernel', `${BR} dev eth1 metric 1024 pref medium\nfe80::/64 dev eth0 proto kernel`);
  it('fires on a gateway-less /128 to the BR and routes it via the RA router', () => {
    const f = only(run(onlink), 'BR_ROUTE_ONLINK');
    expect(f.fix?.commands).toEqual([`ip -6 route replace ${BR}/128 via fe80::a611:bbff:fe7d:ee11 dev eth1`]);
    expect(f.fix?.inverse).toEqual([`ip -6 route replace ${BR}/128 dev eth1`]);
    expect(f.fix?.check).toEqual({ kind: 'ping', family: 6, target: BR });
  });
  it('does not fire when that route has a gateway (field report 003 after its fix)', () => {
    const text = mutate(onlink, `${BR} dev eth1 metric`, `${BR} via fe80::a611:bbff:fe7d:ee11 dev eth1 metric`);
    expect(codes(run(text))).not.toContain('BR_ROUTE_ONLINK');
  });
});

describe('BR_ROUTE_ONLINK from ip -6 route get', () => {
  it('reads the route the kernel picks for the BR', () => {
    const text = V6PLUS.replace(/root@ce:~# ip route\n/, `root@ce:~# ip -6 route get ${BR}\n${BR} from :: dev eth1 proto kernel src 240b:13:1a65:a100:e:91a:6500:a100 metric 256 pref medium\nroot@ce:~# ip route\n`);
    expect(codes(run(text))).toContain('BR_ROUTE_ONLINK');
  });
});
