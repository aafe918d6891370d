/**
 * SERVICE_UNKNOWN_PREFIX (info): the line's prefix is inside no known MAP rule, so MAP-E parameters and the
 * BR cannot be computed. Only said where MAP-E is in play (or nothing else is known): DS-Lite and fixed IP
 * have nothing to compute from the prefix.
 */
import type { DiagnosisContext } from '../context.js';
import { makeFinding } from '../finding.js';
import type { Rule } from '../rule.js';
import { RTX_COMMANDS } from '../rtx-facts.js';
import type { Finding } from '../types.js';
import { linuxServiceUnknownPrefix, linuxServiceUnknownPrefixNeeds } from './linux/service-unknown-prefix.js';

export const serviceUnknownPrefix: Rule = {
  code: 'SERVICE_UNKNOWN_PREFIX',
  platforms: ['rtx', 'linux'],
  needs: { rtx: [RTX_COMMANDS.dhcp6, RTX_COMMANDS.config], linux: linuxServiceUnknownPrefixNeeds },
  run: (ctx) => (ctx.input.platform === 'rtx' ? rtxServiceUnknownPrefix(ctx) : linuxServiceUnknownPrefix(ctx)),
};

export function rtxServiceUnknownPrefix(ctx: DiagnosisContext): Finding[] {
  const s = ctx.service;
  if (!s?.prefix || s.prefixService) return [];
  if (s.encapsulation !== null && s.encapsulation !== 'map-e') return [];
  if (s.mapeError && s.mapeError.code !== 'unknown-prefix') return [];
  return [
    makeFinding('SERVICE_UNKNOWN_PREFIX', {
      evidence: [s.prefix.evidence],
      detail: {
        ja: `プレフィックス ${s.prefix.value} はv6プラス・BIGLOBE・OCNバーチャルコネクトのどのMAPルールにも含まれません。新しいルールか、MAP-E以外のサービス（DS-Lite・固定IP）の可能性があります。`,
        en: `Prefix ${s.prefix.value} is inside no v6plus, BIGLOBE or OCN Virtual Connect MAP rule: a new rule, or a service that is not MAP-E (DS-Lite, fixed IP).`,
      },
      checklist: [
        {
          party: 'isp',
          item: { ja: 'この回線のIPv4 over IPv6 サービス名（v6プラス、OCNバーチャルコネクト等）を教えてください。', en: 'Which IPv4-over-IPv6 service does this line use (v6plus, OCN Virtual Connect, …)?' },
        },
      ],
      data: { prefix: s.prefix.value },
    }),
  ];
}
