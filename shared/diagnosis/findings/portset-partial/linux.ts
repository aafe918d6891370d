import type { Detector } from '../../definition.js';
import { formatRange } from '../../../mape/index.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { ev, LINUX_COMMANDS, rangesText } from '../../linux/common.js';
import { natView, portSetPlan } from '../../linux/nat.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.nft, LINUX_COMMANDS.vyos], detect: linuxPortsetPartial };

/**
 * SNAT reaches only some blocks of the CE's port set (one `translation port` range, the OpenWrt fw4 first-block
 * problem, or a numgen map that nft 1.0.6 lists back broken): sessions run out long before the set is used.
 */
export function linuxPortsetPartial(ctx: DiagnosisContext): FindingParts[] {
  const v = natView(ctx);
  const m = v?.line.mape;
  if (!v || !m || !v.coverage || v.snat.rules.length === 0) return [];
  const partial = (['tcp', 'udp'] as const).filter((p) => {
    const c = v.coverage![p];
    return c.covered > 0 && c.covered < c.total;
  });
  if (partial.length === 0) return [];
  const c = v.coverage[partial[0]!];
  const used = m.portRanges.filter(([s, e]) => v.snat.byProtocol[partial[0]!].ranges.some(([a, b]) => a <= s && b >= e));
  const broken = v.snat.brokenMaps.length > 0;
  const brokenNote = broken
    ? {
        ja: 'numgen map のポート範囲が「7216-0」のように壊れて表示されるルールは、このnftでは動かないものとして数えていません。',
        en: 'Rules whose numgen map lists back broken (e.g. "7216-0") are not counted: they do not work on this nft version.',
      }
    : { ja: '', en: '' };
  const fix = portSetPlan(ctx, v);
  return [
    {
      evidence: ev(ctx, [...v.snat.byProtocol[partial[0]!].evidence, ...v.snat.brokenMaps]),
      detail: {
        ja: `${partial.join('/').toUpperCase()} のSNATが使えるのは ${m.ipv4} の ${c.total} ポート（${m.portRanges.length}ブロック）のうち ${c.covered} ポート（${used.map(formatRange).join(', ') || 'なし'}）だけです。使われていないブロック: ${rangesText(c.missing)}。${brokenNote.ja}`,
        en: `${partial.join('/').toUpperCase()} SNAT uses only ${c.covered} of ${m.ipv4}'s ${c.total} ports (${m.portRanges.length} blocks): ${used.map(formatRange).join(', ') || 'none'}. Unused blocks: ${rangesText(c.missing)}. ${brokenNote.en}`.trim(),
      },
      ...(fix ? { fix } : {}),
      data: { ipv4: m.ipv4, psid: m.psid, portsCovered: c.covered, portsTotal: c.total, blocksTotal: m.portRanges.length, blocksUsed: used.length },
    },
  ];
}
