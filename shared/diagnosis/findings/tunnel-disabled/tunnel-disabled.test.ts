import { describe, expect, it } from 'vitest';
import { rtxCases, edit, fixed } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('TUNNEL_DISABLED', {
  fires: [
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
  quiet: [{ name: 'tunnel enable all', outputs: () => edit(fixed(), 'show config', /tunnel enable 1\n/g, 'tunnel enable all\n') }],
});

describe('TUNNEL_DISABLED', () => {
  it('fires when the tunnel has no UP flag', () => {
    const text = mutate(V6PLUS, '5: mape@eth1: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1460 qdisc noqueue state UNKNOWN', '5: mape@eth1: <POINTOPOINT,NOARP> mtu 1460 qdisc noop state DOWN');
    const f = only(run(text), 'TUNNEL_DISABLED');
    expect(f.fix?.commands).toEqual(['ip link set dev mape up']);
    expect(f.fix?.inverse).toEqual(['ip link set dev mape down']);
  });
  it('does not fire for the kernel fallback ip6tnl0 that is always down', () => {
    expect(codes(run(V6PLUS))).not.toContain('TUNNEL_DISABLED');
  });
});
