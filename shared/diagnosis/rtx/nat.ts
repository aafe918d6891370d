/**
 * The NAT of the RTX's IPv4 tunnel (not a rule): the descriptor bound to it, and the ports it hands out
 * as the config and `show nat descriptor address` tell. Shared by NAT_DESCRIPTOR_MISSING, PORTSET_OUTSIDE
 * and PORTSET_PARTIAL.
 */
import type { FactsView } from '../facts.js';
import type { NatDescriptorStatus } from '../../rtx/show/index.js';
import type { NatDescriptor, TunnelConfig } from '../../rtx/config/types.js';
import type { PortRange } from '../../mape/index.js';


export interface TunnelNat {
  tunnel: TunnelConfig;
  /** The first descriptor bound to the tunnel that the config defines, or null. */
  descriptor: NatDescriptor | null;
  /** Its live state, when `show nat descriptor address` was run. */
  shown: NatDescriptorStatus | null;
}

export function tunnelNat(ctx: FactsView): TunnelNat | null {
  const cfg = ctx.rtx.config;
  const t = ctx.rtx.tunnel;
  if (!cfg || !t) return null;
  const descriptor = (t.natDescriptors?.ids ?? []).map((id) => cfg.natDescriptors[id]).find((d) => d !== undefined) ?? null;
  const shown =
    ctx.rtx.nat?.descriptors.find((d) => (descriptor ? d.id === descriptor.id : false) || d.interface.toUpperCase() === `TUNNEL[${t.id}]`) ?? null;
  return { tunnel: t, descriptor, shown };
}

/** Ports of `ranges` that fall outside `allowed`, and how many of `allowed` the ranges use. */
export function comparePorts(ranges: readonly PortRange[], allowed: readonly PortRange[]): { outside: PortRange[]; used: number; total: number } {
  const inSet = (p: number): boolean => allowed.some(([a, b]) => p >= a && p <= b);
  const outside: PortRange[] = [];
  for (const [a, b] of ranges) {
    // Walk each range block-wise: ranges are at most 65536 ports, so a per-port scan is cheap and exact.
    let start: number | null = null;
    for (let p = a; p <= b + 1; p++) {
      const bad = p <= b && !inSet(p);
      if (bad && start === null) start = p;
      if (!bad && start !== null) {
        outside.push([start, p - 1]);
        start = null;
      }
    }
  }
  const total = allowed.reduce((n, [a, b]) => n + (b - a + 1), 0);
  let used = 0;
  for (const [a, b] of allowed) for (let p = a; p <= b; p++) if (ranges.some(([x, y]) => p >= x && p <= y)) used++;
  return { outside, used, total };
}
