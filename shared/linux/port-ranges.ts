/** Port-range set arithmetic for SNAT coverage: union, size, and comparison with a CE's port set. */
import type { PortRange } from './nft-model.js';

/** Sorted, non-overlapping, adjacent ranges joined. */
export function mergeRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: PortRange[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function countPorts(ranges: readonly PortRange[]): number {
  return mergeRanges(ranges).reduce((n, [s, e]) => n + (e - s + 1), 0);
}

/** Ports in `a` that are not in `b` (both merged first). */
export function subtractRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  const bs = mergeRanges(b);
  for (const [s0, e] of mergeRanges(a)) {
    let s = s0;
    for (const [bs0, be] of bs) {
      if (be < s || bs0 > e) continue;
      if (bs0 > s) out.push([s, bs0 - 1]);
      s = Math.max(s, be + 1);
      if (s > e) break;
    }
    if (s <= e) out.push([s, e]);
  }
  return out;
}

export interface PortCoverage {
  /** Ports of the CE's set that SNAT can produce. */
  covered: number;
  /** Size of the CE's port set. */
  total: number;
  /** Ports of the set that SNAT never uses (PORTSET_PARTIAL when non-empty). */
  missing: PortRange[];
  /** Ports SNAT produces outside the set (PORTSET_OUTSIDE when non-empty: the BR drops them). */
  outside: PortRange[];
}

/** Compare what SNAT can produce with the CE's port set (from shared/mape portRanges()). */
export function portCoverage(snat: readonly PortRange[], portSet: readonly PortRange[]): PortCoverage {
  const missing = subtractRanges(portSet, snat);
  const total = countPorts(portSet);
  return { covered: total - countPorts(missing), total, missing, outside: subtractRanges(snat, portSet) };
}
