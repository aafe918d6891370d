import { describe, expect, it } from 'vitest';
import { rtxCases, fixed } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, FIXED, only, run, withTunnelAddr } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('FIXEDIP_NAT_OUTER_MISMATCH', {
  fires: [
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
  quiet: [{ name: 'no notice: nothing to compare with', outputs: fixed }],
});

describe('FIXEDIP_NAT_OUTER_MISMATCH on a Linux CE, through the engine', () => {
  const notice = { serviceId: 'v6plus-fixed' as const, fixedIpv4: '203.0.113.10' };
  it('masquerade on a tunnel holding another address than the contract', () => {
    const f = only(run(withTunnelAddr(FIXED, '203.0.113.99'), notice), 'FIXEDIP_NAT_OUTER_MISMATCH');
    expect(f.fix?.commands).toEqual(['ip addr add 203.0.113.10/32 dev fixed', 'ip addr del 203.0.113.99/32 dev fixed']);
    expect(f.data).toMatchObject({ outer: '203.0.113.99', fixedIpv4: '203.0.113.10' });
    expect(codes(run(withTunnelAddr(FIXED, '203.0.113.10'), notice))).not.toContain('FIXEDIP_NAT_OUTER_MISMATCH');
  });
  it('only the contract notice is the yardstick: the tunnel\u2019s own address is never compared with itself', () => {
    expect(codes(run(withTunnelAddr(FIXED, '203.0.113.99')))).not.toContain('FIXEDIP_NAT_OUTER_MISMATCH');
  });
});
