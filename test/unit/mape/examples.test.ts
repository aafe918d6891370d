import { describe, expect, it } from 'vitest';
import { calculateMapE, calculateMapEWithRule, ruleLabel } from '../../../shared/mape/index.js';

describe('RFC 7597 Appendix A, example 1 (explicit rule)', () => {
  const rule = { ipv6Prefix: '2001:db8::/40', ipv4Prefix: '192.0.2.0/24', eaLength: 16, psidOffset: 6 };
  const r = calculateMapEWithRule('2001:db8:12:3400::/56', rule, { ifaceId: 'rfc7597' });

  it('derives IPv4 192.0.2.18 and PSID 0x34', () => {
    expect(r.ipv4).toBe('192.0.2.18');
    expect(r.psid).toBe(0x34);
    expect(r.psidLength).toBe(8);
    expect(r.psidOffset).toBe(6);
    expect(r.providerId).toBe('custom');
    expect(r.br).toBeNull();
  });

  it('lists 63 ranges of 4 ports from 1232-1235 to 64720-64723, 252 ports', () => {
    expect(r.ports).toBe(252);
    expect(r.portRanges).toHaveLength(63);
    expect(r.portRanges[0]).toEqual([1232, 1235]);
    expect(r.portRanges[1]).toEqual([2256, 2259]);
    expect(r.portRanges[61]).toEqual([63696, 63699]);
    expect(r.portRanges[62]).toEqual([64720, 64723]);
  });

  it('builds the RFC CE address 2001:db8:12:3400:0:c000:212:34', () => {
    expect(r.ceAddress).toBe('2001:db8:12:3400:0:c000:212:34');
    expect(r.ceAddressRfc7597).toBe('2001:db8:12:3400:0:c000:212:34');
    expect(r.interfaceIdForm).toBe('rfc7597');
    // a custom rule gets no "Japanese providers use draft-03" warning
    expect(r.warnings).toEqual([]);
  });

  it('is not in the Japanese table', () => {
    expect(() => calculateMapE('2001:db8:12:3400::/56')).toThrow(/unknown prefix/i);
  });

  it('refuses a prefix outside the explicit rule', () => {
    expect(() => calculateMapEWithRule('2001:db9::/56', rule)).toThrow(/not inside the rule prefix 2001:db8::\/40/);
  });

  it('refuses an inconsistent explicit rule', () => {
    expect(() => calculateMapEWithRule('2001:db8:12:3400::/56', { ...rule, psidLength: 6 })).toThrow(
      expect.objectContaining({ code: 'invalid-rule' }),
    );
    expect(() => calculateMapEWithRule('2001:db8::/64', { ...rule, eaLength: 30 })).toThrow(/past the \/64/);
  });
});

describe('v6plus (public NixOS example)', () => {
  const r = calculateMapE('240b:13:1a65:a100::/56');

  it('matches rule 240b:12::/31 → 14.8.0.0/15', () => {
    expect(r.providerId).toBe('v6plus');
    expect(r.provider).toBe('v6plus (JPNE)');
    expect(ruleLabel(r.rule)).toBe('240b:12::/31 → 14.8.0.0/15');
    expect(r.rule).toEqual({
      ipv6Prefix: '240b:12::/31',
      ipv4Prefix: '14.8.0.0/15',
      eaLength: 25,
      psidLength: 8,
      psidOffset: 4,
    });
  });

  it('gives 14.9.26.101, PSID 161, 240 ports from 6672-6687', () => {
    expect(r.ipv4).toBe('14.9.26.101');
    expect(r.psid).toBe(161);
    expect(r.ports).toBe(240);
    expect(r.portRanges).toHaveLength(15);
    expect(r.portRanges[0]).toEqual([6672, 6687]);
    expect(r.portRanges[1]).toEqual([10768, 10783]);
    expect(r.portRanges[14]).toEqual([64016, 64031]);
  });

  it('gives the draft-03 CE and the v6plus BR', () => {
    expect(r.ceAddress).toBe('240b:13:1a65:a100:e:91a:6500:a100');
    expect(r.ceAddressDraft03).toBe(r.ceAddress);
    expect(r.ceAddressRfc7597).toBe('240b:13:1a65:a100:0:e09:1a65:a1');
    expect(r.br).toBe('2404:9200:225:100::64');
    expect(r.userPrefix).toBe('240b:13:1a65:a100::/56');
    expect(r.warnings).toEqual([]);
  });

  it('uses the RFC 7597 form on request, with a warning', () => {
    const rfc = calculateMapE('240b:13:1a65:a100::/56', { ifaceId: 'rfc7597' });
    expect(rfc.ceAddress).toBe('240b:13:1a65:a100:0:e09:1a65:a1');
    expect(rfc.ceAddressDraft03).toBe('240b:13:1a65:a100:e:91a:6500:a100');
    expect(rfc.warnings.map((w) => w.code)).toEqual(['rfc7597-interface-id']);
  });
});

describe('BIGLOBE', () => {
  it('2404:7a82:4d02:4100::/56 → 133.209.13.2, PSID 65, east BR', () => {
    const r = calculateMapE('2404:7a82:4d02:4100::/56');
    expect(r.providerId).toBe('biglobe');
    expect(r.rule.ipv6Prefix).toBe('2404:7a82:4c00::/38');
    expect(r.rule.eaLength).toBe(18);
    expect(r.ipv4).toBe('133.209.13.2');
    expect(r.psid).toBe(65);
    expect(r.ceAddress).toBe('2404:7a82:4d02:4100:85:d10d:200:4100');
    expect(r.br).toBe('2001:260:700:1::1:275');
    expect(r.ports).toBe(240);
  });

  it('uses the west BR for the west rules', () => {
    expect(calculateMapE('2404:7a84:1234:5600::/56').br).toBe('2001:260:700:1::1:276');
    expect(calculateMapE('2404:7a86:1234:5600::/56').br).toBe('2001:260:700:1::1:276');
    expect(calculateMapE('2404:7a80:1234:5600::/56').br).toBe('2001:260:700:1::1:275');
  });
});

describe('OCN Virtual Connect', () => {
  it('gives 1008 ports in 63 blocks and BR 2001:380:a120::9', () => {
    const r = calculateMapE('2400:4050:1234:5600::/56');
    expect(r.providerId).toBe('ocn-vc');
    expect(r.provider).toBe('OCN Virtual Connect');
    expect(r.ports).toBe(1008);
    expect(r.portRanges).toHaveLength(63);
    expect(r.psidLength).toBe(6);
    expect(r.psidOffset).toBe(6);
    expect(r.br).toBe('2001:380:a120::9');
    // A = 1: 1024 + PSID·16
    expect(r.portRanges[0]).toEqual([1024 + r.psid * 16, 1024 + r.psid * 16 + 15]);
  });
});
