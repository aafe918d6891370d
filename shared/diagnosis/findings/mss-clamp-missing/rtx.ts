/**
 * On an RTX: TCP MSS is not clamped for the tunnel, so large transfers stall (§6 #11).
 * Yamaha clamps with `ip tunnel tcp mss limit auto`; a clamp on the LAN interface also counts.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';
import { configEvidence, rtxPlan } from '../../rtx/common.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config], detect: rtxMssClampMissing };

export function rtxMssClampMissing(ctx: DiagnosisContext): FindingParts[] {
  const cfg = ctx.rtx.config;
  const t = ctx.rtx.tunnel;
  if (!cfg || !t || t.tcpMssLimit) return [];
  const wan = ctx.rtx.wan;
  const lanClamp = Object.values(cfg.interfaces).some((i) => i.name !== wan && i.tcpMssLimit);
  if (lanClamp) return [];
  return [
    {
      evidence: [configEvidence(ctx, [...t.selectLines, ...(t.mtu?.lines ?? [])])],
      detail: {
        ja: `トンネル${t.id}に ip tunnel tcp mss limit auto がありません。`,
        en: `Tunnel ${t.id} has no ip tunnel tcp mss limit auto.`,
      },
      fix: rtxPlan(
        [`tunnel select ${t.id}`, 'ip tunnel tcp mss limit auto'],
        [`tunnel select ${t.id}`, 'no ip tunnel tcp mss limit'],
        { kind: 'output-contains', command: RTX_COMMANDS.config, text: 'ip tunnel tcp mss limit auto' },
        { ja: `トンネル${t.id}でTCP MSSを自動調整する`, en: `Clamp TCP MSS on tunnel ${t.id}` },
      ),
      data: { tunnel: t.id },
    },
  ];
}
