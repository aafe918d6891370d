import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mapeRules, portCount, portRanges, psidOfPort } from '../../../shared/mape/index.js';

describe('port sets (RFC 7597 §5.1)', () => {
  it('v6plus PSID 0: 4096-4111, 8192-8207, … (public Go test)', () => {
    const ranges = portRanges(0, 8, 4);
    expect(ranges[0]).toEqual([4096, 4111]);
    expect(ranges[1]).toEqual([8192, 8207]);
    expect(ranges).toHaveLength(15);
  });

  it('a = 0 is one contiguous block', () => {
    expect(portRanges(3, 4, 0)).toEqual([[12288, 16383]]);
    expect(portCount(4, 0)).toBe(4096);
  });

  it('rejects impossible parameters', () => {
    expect(() => portRanges(256, 8, 4)).toThrow(RangeError);
    expect(() => portRanges(0, 12, 6)).toThrow(RangeError);
  });

  // Only a few (PSID length, offset) shapes exist in the table; check each one exhaustively.
  const shapes = [...new Set(mapeRules().map((r) => `${r.psidLength}/${r.psidOffset}`))].map((s) => s.split('/').map(Number) as [number, number]);

  it.each(shapes)('PSID length %i, offset %i: all PSIDs together tile the usable ports without overlap', (k, a) => {
    const owner = new Map<number, number>();
    const problems: string[] = [];
    for (let psid = 0; psid < 2 ** k; psid++) {
      let count = 0;
      for (const [start, end] of portRanges(psid, k, a)) {
        for (let p = start; p <= end; p++) {
          if (owner.has(p)) problems.push(`port ${p}: PSID ${owner.get(p)} and ${psid}`);
          if (psidOfPort(p, k, a) !== psid) problems.push(`port ${p}: psidOfPort disagrees`);
          owner.set(p, psid);
          count++;
        }
      }
      if (count !== (2 ** a - 1) * 2 ** (16 - a - k) || count !== portCount(k, a)) problems.push(`PSID ${psid}: ${count} ports`);
    }
    expect(problems).toEqual([]);
    expect(owner.size).toBe(65536 - 2 ** (16 - a));
    expect(Math.min(...owner.keys())).toBe(2 ** (16 - a));
  });

  it('property over every rule: two different PSIDs never share a port; each CE gets (2^a−1)·2^m ports', () => {
    const rules = mapeRules();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: rules.length - 1 }),
        fc.nat(),
        fc.nat(),
        (i, x, y) => {
          const rule = rules[i]!;
          const size = 2 ** rule.psidLength;
          const p1 = x % size;
          const p2 = y % size;
          fc.pre(p1 !== p2);
          const a = portRanges(p1, rule.psidLength, rule.psidOffset);
          const b = portRanges(p2, rule.psidLength, rule.psidOffset);
          const m = 16 - rule.psidOffset - rule.psidLength;
          const count = (rs: typeof a) => rs.reduce((n, [s, e]) => n + e - s + 1, 0);
          expect(count(a)).toBe((2 ** rule.psidOffset - 1) * 2 ** m);
          expect(count(b)).toBe((2 ** rule.psidOffset - 1) * 2 ** m);
          const overlaps = a.filter(([s1, e1]) => b.some(([s2, e2]) => s1 <= e2 && s2 <= e1));
          expect(overlaps).toEqual([]);
        },
      ),
      { numRuns: 3000 },
    );
  }, 30_000);
});
