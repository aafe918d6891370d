/**
 * On an RTX: the line's prefix is inside no known MAP rule, so MAP-E parameters and the
 * BR cannot be computed. Only said where MAP-E is in play (or nothing else is known): DS-Lite and fixed IP
 * have nothing to compute from the prefix.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.dhcp6, RTX_COMMANDS.config], detect: rtxServiceUnknownPrefix };

export function rtxServiceUnknownPrefix(ctx: DiagnosisContext): FindingParts[] {
  const { prefix, prefixService, encapsulation, mapeError } = ctx.line;
  if (!prefix || prefixService) return [];
  if (encapsulation !== null && encapsulation !== 'map-e') return [];
  if (mapeError && mapeError.code !== 'unknown-prefix') return [];
  return [
    {
      evidence: prefix.evidence,
      detail: {
        ja: `プレフィックス ${prefix.value} はv6プラス・BIGLOBE・OCNバーチャルコネクトのどのMAPルールにも含まれません。新しいルールか、MAP-E以外のサービス（DS-Lite・固定IP）の可能性があります。`,
        en: `Prefix ${prefix.value} is inside no v6plus, BIGLOBE or OCN Virtual Connect MAP rule: a new rule, or a service that is not MAP-E (DS-Lite, fixed IP).`,
      },
      checklist: [
        {
          party: 'isp',
          item: { ja: 'この回線のIPv4 over IPv6 サービス名（v6プラス、OCNバーチャルコネクト等）を教えてください。', en: 'Which IPv4-over-IPv6 service does this line use (v6plus, OCN Virtual Connect, …)?' },
        },
      ],
      data: { prefix: prefix.value },
    },
  ];
}
