import { describe, expect, it } from 'vitest';
import { rtxCases, edit, transix, v6pd } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, DSLITE, mutate, only, run } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('SERVICE_UNKNOWN_PREFIX', {
  fires: [
    {
      name: 'MAP-E config on a prefix outside every rule',
      outputs: () => edit(v6pd(), 'show status ipv6 dhcp', '240b:11:b901:1800::/56', '2409:10:aa40:3a00::/56'),
      check: (f) => expect(f.severity).toBe('info'),
    },
  ],
  quiet: [{ name: 'DS-Lite has nothing to compute', outputs: transix }],
});

describe('SERVICE_UNKNOWN_PREFIX', () => {
  it('is reported (info) when neither the prefix nor the remote is known', () => {
    const r = run(mutate(DSLITE, '2404:8e00::feed:100', '2001:f70:8000::1'));
    const f = only(r, 'SERVICE_UNKNOWN_PREFIX');
    expect(f.severity).toBe('info');
    expect(f.explanation.en).toContain('2409:10:2220:3a00');
  });
  it('is not reported when the notice names the service', () => {
    const r = run(mutate(DSLITE, '2404:8e00::feed:100', '2001:f70:8000::1'), { serviceId: 'xpass' });
    expect(codes(r)).not.toContain('SERVICE_UNKNOWN_PREFIX');
  });
});
