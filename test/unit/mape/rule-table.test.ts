import { describe, expect, it } from 'vitest';
import { Address6 } from 'ip-address';
import { findRule, mapeRules, MAPE_RULES_SOURCE } from '../../../shared/mape/index.js';

describe('built-in rule table', () => {
  const rules = mapeRules();

  it('carries all 690 rules of mape-rules.csv, with the source named', () => {
    expect(rules).toHaveLength(690);
    const count = (id: string) => rules.filter((r) => r.providerId === id).length;
    expect(count('v6plus')).toBe(4);
    expect(count('biglobe')).toBe(258);
    expect(count('ocn-vc')).toBe(428);
    expect(MAPE_RULES_SOURCE).toMatch(/mape-rules\.csv/);
    expect(MAPE_RULES_SOURCE).toMatch(/missing233\/map-e/);
  });

  it('has every EA bit end at /56 and a consistent PSID length', () => {
    for (const r of rules) {
      expect(r.ipv6Length + r.eaLength).toBe(56);
      expect(r.psidLength).toBe(r.eaLength - (32 - r.ipv4Length));
    }
  });

  it('follows the calculator BR logic (first 31 bits)', () => {
    for (const r of rules) {
      const top32 = Number(new Address6(r.ipv6Prefix).getBits(0, 32));
      const within = (lo: number, hi: number) => top32 >= lo && top32 <= hi;
      if (within(0x24047a80, 0x24047a83)) expect(r.br).toBe('2001:260:700:1::1:275');
      else if (within(0x24047a84, 0x24047a87)) expect(r.br).toBe('2001:260:700:1::1:276');
      else if (within(0x240b0010, 0x240b0013) || within(0x240b0250, 0x240b0253)) {
        expect(r.br).toBe('2404:9200:225:100::64');
      } else {
        expect(r.providerId).toBe('ocn-vc');
        expect(r.br).toBe('2001:380:a120::9');
      }
    }
  });

  it('finds every rule by its own network address (no overlaps shadow a rule)', () => {
    for (const r of rules) expect(findRule(new Address6(r.ipv6Prefix).bigInt())).toBe(r);
  });

  it('returns undefined outside every rule', () => {
    expect(findRule(new Address6('2001:db8::').bigInt())).toBeUndefined();
    expect(findRule(new Address6('240b:14::').bigInt())).toBeUndefined();
  });

  it('parses the table once', () => {
    expect(mapeRules()).toBe(rules);
  });
});
