import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Address6 } from 'ip-address';
import { calculateMapE, mapeRules, type MapEResult, type MapRule } from '../../../shared/mape/index.js';

const fmt = (v: bigint) => Address6.fromBigInt(v).correctForm();
const mask = (len: number) => ((1n << BigInt(len)) - 1n) << BigInt(128 - len);

/** The fields that must not depend on which address inside the prefix was typed. */
function essence(r: MapEResult): MapEResult {
  return { ...r, warnings: [] };
}

/** A random /56 inside the rule plus a random remainder (subnet id and interface id). */
const insideRule = (rule: MapRule) =>
  fc.record({
    ea: fc.bigInt({ min: 0n, max: (1n << BigInt(rule.eaLength)) - 1n }),
    subnet: fc.bigInt({ min: 1n, max: (1n << BigInt(64 - rule.ipv6Length - rule.eaLength)) - 1n }),
    iid: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  });

describe('answers do not depend on which address inside the prefix is typed', () => {
  // Every rule of the table, a few random prefixes each (690 × 4 × 3 calculations).
  it('for every rule: prefix, CE address and a LAN address in a non-zero subnet agree', () => {
    for (const rule of mapeRules()) {
      fc.assert(
        fc.property(insideRule(rule), ({ ea, subnet, iid }) => {
          const eaEnd = rule.ipv6Length + rule.eaLength;
          const prefix56 = rule.ipv6Network | (ea << BigInt(128 - eaEnd));
          const fromPrefix = calculateMapE(`${fmt(prefix56)}/${eaEnd}`);
          expect(fromPrefix.rule.ipv6Prefix).toBe(rule.ipv6Prefix);
          expect(fromPrefix.warnings).toEqual([]);
          // the CE address lies inside the user's /56, subnet 0
          const ce = new Address6(fromPrefix.ceAddress).bigInt();
          expect(ce & mask(64)).toBe(prefix56);

          const fromCe = calculateMapE(fromPrefix.ceAddress);
          expect(essence(fromCe)).toEqual(essence(fromPrefix));
          expect(fromCe.warnings).toEqual([]);

          const lan = prefix56 | (subnet << 64n) | iid;
          const fromLan = calculateMapE(fmt(lan));
          expect(essence(fromLan)).toEqual(essence(fromPrefix));
          expect(fromLan.warnings.map((w) => w.code)).toEqual(['not-subnet-0']);

          const fromLan64 = calculateMapE(`${fmt(lan & mask(64))}/64`);
          expect(essence(fromLan64)).toEqual(essence(fromPrefix));
          expect(fromLan64.warnings.map((w) => w.code)).toEqual(['not-subnet-0']);
        }),
        { numRuns: 4 },
      );
    }
  }, 30_000);

  it('the IPv4 address lies in the rule IPv4 prefix and the PSID fits its length', () => {
    const rules = mapeRules();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: rules.length - 1 }), fc.bigInt({ min: 0n, max: (1n << 25n) - 1n }), (i, x) => {
        const rule = rules[i]!;
        const ea = x & ((1n << BigInt(rule.eaLength)) - 1n);
        const r = calculateMapE(`${fmt(rule.ipv6Network | (ea << 72n))}/56`);
        const v4 = r.ipv4.split('.').reduce((n, o) => n * 256 + Number(o), 0);
        const shift = 2 ** (32 - rule.ipv4Length);
        expect(Math.floor(v4 / shift) * shift).toBe(rule.ipv4Network);
        expect(r.psid).toBeLessThan(2 ** rule.psidLength);
        expect(BigInt(r.psid)).toBe(ea & ((1n << BigInt(rule.psidLength)) - 1n));
      }),
      { numRuns: 2000 },
    );
  });
});
