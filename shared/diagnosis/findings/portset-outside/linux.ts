import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { ev, LINUX_COMMANDS, rangesText } from '../../linux/common.js';
import { natView, portSetPlan } from '../../linux/nat.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.nft, LINUX_COMMANDS.vyos], detect: linuxPortsetOutside };

/**
 * SNAT can pick source ports outside the CE's port set: masquerade (or SNAT with no port range) keeps or picks
 * any port, and an explicit range may reach past the set. The BR drops every such packet.
 */
export function linuxPortsetOutside(ctx: DiagnosisContext): FindingParts[] {
  const v = natView(ctx);
  const m = v?.line.mape;
  if (!v || !m || !v.coverage) return [];
  const bad = (['tcp', 'udp'] as const).filter((p) => v.snat.byProtocol[p].unrestricted || v.coverage![p].outside.length > 0);
  if (bad.length === 0) return [];
  const p = bad[0]!;
  const unrestricted = v.snat.byProtocol[p].unrestricted;
  const masq = v.snat.rules.some((r) => r.kind === 'masquerade' && r.ports === null && r.reachable !== false);
  const outside = v.coverage[p].outside;
  const what = unrestricted
    ? masq
      ? { ja: 'マスカレード（ポート指定なし）が', en: 'masquerade (no port range)' }
      : { ja: 'ポート範囲のないSNATが', en: 'SNAT without a port range' }
    : { ja: `SNATが ${rangesText(outside)} に`, en: `SNAT to ${rangesText(outside)}` };
  const fix = portSetPlan(ctx, v);
  return [
    {
      evidence: ev(ctx, v.snat.byProtocol[p].evidence),
      detail: {
        ja: `${bad.join('/').toUpperCase()} で${what.ja}変換しているため、${m.ipv4} の割り当てポート（${rangesText(m.portRanges, 3)}）外の送信元ポートが使われます。`,
        en: `For ${bad.join('/').toUpperCase()}, ${what.en} lets source ports fall outside ${m.ipv4}'s port set (${rangesText(m.portRanges, 3)}).`,
      },
      ...(fix ? { fix } : {}),
      data: { ipv4: m.ipv4, psid: m.psid, masquerade: masq, outsidePorts: outside.reduce((n, [s, e]) => n + e - s + 1, 0) },
    },
  ];
}
