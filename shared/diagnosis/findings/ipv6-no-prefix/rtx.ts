/**
 * On an RTX: the line gave no global IPv6 prefix at all (no PD lease, no RA prefix). Only current
 * state counts (`show status ipv6 dhcp`, `show ipv6 address`, `show ipv6 route`); an old log line does not.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { Evidence, FindingParts } from '../../parts.js';
import { configEvidence } from '../../rtx/common.js';
import { prefixPicture } from '../../rtx/prefix-picture.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.dhcp6, RTX_COMMANDS.ipv6Address, RTX_COMMANDS.config], detect: rtxIpv6NoPrefix };

export function rtxIpv6NoPrefix(ctx: DiagnosisContext): FindingParts[] {
  const p = prefixPicture(ctx);
  const current = ctx.line.prefix;
  if (current && current.origin !== 'log') return [];
  if (p.ra || p.anyGlobal || p.pd?.prefix) return [];
  const evidence: Evidence[] = [];
  // A PD client without a lease proves "no prefix" only when the config relies on PD (an RA line
  // never shows a lease); `show ipv6 address` without any global address proves it either way.
  const pdAbsent = p.pd !== undefined && p.pd.clientLines.length > 0 && p.configSource !== 'ra-prefix';
  if (p.noGlobalEvidence) evidence.push(p.noGlobalEvidence);
  if (pdAbsent && p.pd) evidence.push(ctx.evidence(RTX_COMMANDS.dhcp6, p.pd.clientLines));
  if (evidence.length === 0) return [];
  if (p.defs[0]) evidence.push(configEvidence(ctx, p.defs[0].lines));
  const onlyPd = !p.noGlobalEvidence;
  return [
    {
      evidence,
      detail: onlyPd
        ? {
            ja: `${(p.wan ?? 'WAN').toUpperCase()} のDHCPv6クライアントにプレフィックス（PD）の割り当てがありません。回線がRAしか出していない場合は取得方法の不一致です。show ipv6 address で確認してください。`,
            en: `The DHCPv6 client on ${(p.wan ?? 'the WAN').toUpperCase()} holds no delegated prefix. If the line gives RA only, the prefix source is mismatched instead; show ipv6 address will tell.`,
          }
        : {
            ja: 'どのインターフェースにもグローバルIPv6アドレスがありません。回線（ONU/HGW）からIPv6を受け取れていません。',
            en: 'No interface has a global IPv6 address: the router gets no IPv6 from the line (ONU/HGW).',
          },
      checklist: [
        {
          party: 'isp',
          item: {
            ja: 'この回線でIPv6（IPoE）接続オプションは開通していますか（v6プラス等の申し込みが完了し、切り替え済みですか）。',
            en: 'Is IPv6 (IPoE) active on this line (the v6plus/IPoE application completed and switched over)?',
          },
        },
        {
          party: 'isp',
          item: {
            ja: 'ひかり電話ルーター（HGW）の有無と、ルーターのWAN（LAN2）がONU/HGWのどのポートにつながっているかを確認してください。',
            en: 'Is there a Hikari Denwa home gateway, and which ONU/HGW port is the router\u2019s WAN (LAN2) connected to?',
          },
        },
      ],
      data: { wan: p.wan, configSource: p.configSource },
    },
  ];
}
