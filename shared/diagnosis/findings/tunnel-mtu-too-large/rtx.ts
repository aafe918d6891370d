/** On an RTX: `ip tunnel mtu` above what a 1500-byte line carries under a 40-byte IPv6 header. */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';
import { configEvidence, configLine, lastLine, rtxPlan } from '../../rtx/common.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config], detect: rtxTunnelMtuTooLarge };

export function rtxTunnelMtuTooLarge(ctx: DiagnosisContext): FindingParts[] {
  const t = ctx.rtx.tunnel;
  const limit = ctx.line.mtu;
  if (!t?.mtu || t.mtu.value <= limit) return [];
  const line = `ip tunnel mtu ${limit}`;
  return [
    {
      evidence: [configEvidence(ctx, t.mtu.lines)],
      detail: {
        ja: `トンネル${t.id}のMTUは ${t.mtu.value} ですが、IPv6ヘッダー40バイトを引いた ${limit} 以下にする必要があります。`,
        en: `Tunnel ${t.id}'s MTU is ${t.mtu.value}; it must be at most ${limit} (1500 minus the 40-byte IPv6 header).`,
      },
      fix: rtxPlan(
        [`tunnel select ${t.id}`, line],
        [`tunnel select ${t.id}`, configLine(ctx, lastLine(t.mtu))],
        { kind: 'output-contains', command: RTX_COMMANDS.config, text: line },
        { ja: `トンネル${t.id}のMTUを ${limit} にする`, en: `Set tunnel ${t.id}'s MTU to ${limit}` },
      ),
      data: { tunnel: t.id, mtu: t.mtu.value, limit },
    },
  ];
}
