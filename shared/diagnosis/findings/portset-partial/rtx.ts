/**
 * On an RTX: every translated port is inside the port set, but only part of the set is used
 * (e.g. one 16-port block of 240), so sessions run out. Read from explicit
 * `nat descriptor masquerade port range` blocks and from the live port list.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { Evidence, FindingParts } from '../../parts.js';
import { configEvidence, configLine, lastLine, rtxPlan } from '../../rtx/common.js';
import { comparePorts, tunnelNat } from '../../rtx/nat.js';
import { TUNNEL_NAT_READ } from '../../rtx/reads.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config, TUNNEL_NAT_READ, RTX_COMMANDS.dhcp6], detect: rtxPortsetPartial };

export function rtxPortsetPartial(ctx: DiagnosisContext): FindingParts[] {
  const line = ctx.line;
  const n = tunnelNat(ctx);
  const blocks = line.portSet?.value;
  if (!n?.descriptor || line.encapsulation !== 'map-e' || !blocks) return [];
  const d = n.descriptor;
  if (d.outer?.value !== 'map-e') return [];
  const sources: { ranges: [number, number][]; evidence: Evidence }[] = [];
  if (d.portRanges) sources.push({ ranges: d.portRanges.ranges, evidence: configEvidence(ctx, d.portRanges.lines) });
  if (n.shown?.portRanges && n.shown.portRanges.ranges.length > 0) {
    sources.push({ ranges: n.shown.portRanges.ranges, evidence: ctx.evidence(ctx.rtx.cmd.nat, n.shown.portRanges.lines) });
  }
  for (const src of sources) {
    const c = comparePorts(src.ranges, blocks);
    // Ports outside the set are PORTSET_OUTSIDE's; here only "inside, but too few".
    if (c.outside.length > 0 || c.used >= c.total || c.used === 0) continue;
    return [
      {
        evidence: [src.evidence],
        detail: {
          ja: `使っているポートは ${c.used} 個で、割り当て ${c.total} 個（PSID ${line.mape?.psid}）の一部だけです。`,
          en: `Only ${c.used} of the ${c.total} ports assigned to this CE (PSID ${line.mape?.psid}) are used.`,
        },
        ...(d.portRanges
          ? {
              fix: rtxPlan(
                [`no nat descriptor masquerade port range ${d.id}`],
                [configLine(ctx, lastLine(d.portRanges))],
                { kind: 'tunnel-rx', tunnel: String(n.tunnel.id) },
                { ja: 'ポート範囲の指定を外し、MAP-Eのポートセット全体を使う', en: 'Drop the explicit port range and use the whole MAP-E port set' },
              ),
            }
          : {
              checklist: [
                {
                  party: 'vendor' as const,
                  item: {
                    ja: `nat descriptor address outer ${d.id} map-e なのに、割り当て ${c.total} ポートのうち ${c.used} ポートしか使われません。全ブロックを使わせる方法を教えてください。`,
                    en: `With nat descriptor address outer ${d.id} map-e, only ${c.used} of ${c.total} assigned ports are used. How do we make it use every block?`,
                  },
                },
              ],
            }),
        data: { used: c.used, total: c.total, psid: line.mape?.psid ?? null },
      },
    ];
  }
  return [];
}
