import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countPorts, mergeRanges, portCoverage, subtractRanges } from '../../../shared/linux/index.js';

describe('port range arithmetic', () => {
  it('merges overlapping and adjacent ranges', () => {
    expect(mergeRanges([[10, 20], [5, 9], [30, 40], [15, 25]])).toEqual([[5, 25], [30, 40]]);
  });

  it('reports ports outside the set', () => {
    expect(portCoverage([[1024, 65535]], [[5136, 5151]])).toMatchObject({ covered: 16, total: 16, missing: [] });
    expect(portCoverage([[1024, 65535]], [[5136, 5151]]).outside).toEqual([[1024, 5135], [5152, 65535]]);
  });

  it('agrees with a port-by-port count', () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 40 })).map(([s, l]) => [s, s + l] as [number, number]);
    fc.assert(
      fc.property(fc.array(range, { maxLength: 8 }), fc.array(range, { maxLength: 8 }), (a, b) => {
        const set = (rs: [number, number][]) => new Set(rs.flatMap(([s, e]) => Array.from({ length: e - s + 1 }, (_, i) => s + i)));
        const sa = set(a);
        const sb = set(b);
        expect(countPorts(a)).toBe(sa.size);
        expect(countPorts(subtractRanges(a, b))).toBe([...sa].filter((p) => !sb.has(p)).length);
      }),
    );
  });
});
