import { describe, expect, it } from 'vitest';
import { rtxCases, edit, fixed, ocn } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('TUNNEL_MTU_TOO_LARGE', {
  fires: [
    {
      name: 'ip tunnel mtu 1500',
      outputs: () => edit(ocn(), 'show config', 'ip tunnel mtu 1460', 'ip tunnel mtu 1500'),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['tunnel select 1', 'ip tunnel mtu 1460']);
        expect(f.fix?.inverse).toEqual(['tunnel select 1', 'ip tunnel mtu 1500']);
      },
    },
  ],
  quiet: [{ name: 'a small MTU is not too large', outputs: () => edit(fixed(), 'show config', 'ip tunnel mtu 1460', 'ip tunnel mtu 1000') }],
});

describe('TUNNEL_MTU_TOO_LARGE', () => {
  it('fires on MTU 1500', () => {
    const text = mutate(V6PLUS, /mape@eth1: <([A-Z,_]+)> mtu 1460/, 'mape@eth1: <$1> mtu 1500');
    const f = only(run(text), 'TUNNEL_MTU_TOO_LARGE');
    expect(f.fix?.commands).toEqual(['ip link set dev mape mtu 1460']);
    expect(f.fix?.inverse).toEqual(['ip link set dev mape mtu 1500']);
  });
  it('does not fire on 1452 (the encaplimit-4 default)', () => {
    const text = mutate(V6PLUS, /mape@eth1: <([A-Z,_]+)> mtu 1460/, 'mape@eth1: <$1> mtu 1452');
    expect(codes(run(text))).not.toContain('TUNNEL_MTU_TOO_LARGE');
  });
});
