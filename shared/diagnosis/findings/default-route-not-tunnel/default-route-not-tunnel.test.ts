import { describe, expect, it } from 'vitest';
import { rtxCases, edit, v6ra } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, dropLines, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('DEFAULT_ROUTE_NOT_TUNNEL', {
  fires: [
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
  quiet: [{ name: 'the routing table says the tunnel', outputs: () => edit(v6ra(), 'show config', 'ip route default gateway tunnel 1\n', '') }],
});

describe('DEFAULT_ROUTE_NOT_TUNNEL', () => {
  it('fires when IPv4 defaults to eth0, and the inverse restores that route', () => {
    const f = only(run(mutate(V6PLUS, 'default dev mape scope link', 'default via 192.168.10.254 dev eth0')), 'DEFAULT_ROUTE_NOT_TUNNEL');
    expect(f.fix?.commands).toEqual(['ip route replace default dev mape']);
    expect(f.fix?.inverse).toEqual(['ip route replace default via 192.168.10.254 dev eth0']);
  });
  it('fires when there is no IPv4 default at all', () => {
    const f = only(run(dropLines(V6PLUS, /^default dev mape/)), 'DEFAULT_ROUTE_NOT_TUNNEL');
    expect(f.fix?.inverse).toEqual(['ip route del default dev mape']);
  });
  it('does not fire when only routes of one device were listed', () => {
    const text = mutate(dropLines(V6PLUS, /^default dev mape/), 'root@ce:~# ip route\n', 'root@ce:~# ip route show dev eth0\n');
    expect(codes(run(text))).not.toContain('DEFAULT_ROUTE_NOT_TUNNEL');
  });
});
