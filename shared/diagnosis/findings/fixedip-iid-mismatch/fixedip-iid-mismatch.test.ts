import { describe, expect, it } from 'vitest';
import { rtxCases, edit, fixed } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, FIXED, only, run, withTunnelAddr } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('FIXEDIP_IID_MISMATCH', {
  fires: [
    {
      name: 'the interface ID does not embed the fixed IP',
      outputs: () => edit(fixed(), 'show config', 'dhcp-prefix@lan2::1b:5936:1800:0/64', 'dhcp-prefix@lan2::1b:5936:1900:0/64'),
      check: (f) => {
        expect(f.severity).toBe('warning');
        expect(f.data).toMatchObject({ impliedByFixedIp: '::1b:5936:1800:0' });
      },
    },
  ],
  quiet: [{ name: 'transix fixed IP assigns IDs its own way', outputs: () => edit(fixed(), 'show config', '1b:5936:1800:0/64', 'feed/64'), notice: { serviceId: 'transix-fixed' } }],
});

describe('FIXEDIP_IID_MISMATCH on a Linux CE, through the engine', () => {
  it('warns when the local IID is not what the fixed IPv4 on the tunnel implies', () => {
    const f = only(run(withTunnelAddr(FIXED, '203.0.113.11')), 'FIXEDIP_IID_MISMATCH');
    expect(f.severity).toBe('warning');
    expect(f.data).toMatchObject({ interfaceId: '::cb:71:a00:0', fixedIpv4: '203.0.113.11' });
    expect(codes(run(withTunnelAddr(FIXED, '203.0.113.10')))).not.toContain('FIXEDIP_IID_MISMATCH');
  });
  it('the notice wins over what the tunnel carries: its fixed IPv4, then its interface ID', () => {
    // The tunnel holds .11, but the contract says .10, which the tunnel local's interface ID does embed.
    expect(codes(run(withTunnelAddr(FIXED, '203.0.113.11'), { serviceId: 'v6plus-fixed', fixedIpv4: '203.0.113.10' }))).not.toContain('FIXEDIP_IID_MISMATCH');
    // The notice's interface ID is what is compared, not the tunnel local's.
    const f = only(run(FIXED, { serviceId: 'v6plus-fixed', fixedIpv4: '203.0.113.10', interfaceId: '::cb:71:a00:1' }), 'FIXEDIP_IID_MISMATCH');
    expect(f.data).toMatchObject({ interfaceId: '::cb:71:a00:1', fixedIpv4: '203.0.113.10' });
  });
  it('never for transix fixed IP, whose interface IDs do not embed the IPv4 (the catalog says so)', () => {
    expect(codes(run(withTunnelAddr(FIXED, '203.0.113.11'), { serviceId: 'transix-fixed' }))).not.toContain('FIXEDIP_IID_MISMATCH');
  });
});
