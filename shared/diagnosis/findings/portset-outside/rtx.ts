/**
 * On an RTX: on MAP-E, source ports are translated outside the CE's port set and the BR drops them.
 * On an RTX that happens when the tunnel's masquerade has a literal/`primary` outer address instead of
 * `map-e` (the default pool 60000-64095, 49152-59999, 44096-49151 is then used), or when explicit
 * `nat descriptor masquerade port range` blocks or the live port list leave the computed set.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { Evidence, FindingParts } from '../../parts.js';
import { formatRange } from '../../../mape/index.js';
import { configEvidence, configLine, lastLine, restoreOr, rtxPlan } from '../../rtx/common.js';
import { comparePorts, tunnelNat } from '../../rtx/nat.js';
import { TUNNEL_NAT_READ } from '../../rtx/reads.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config, TUNNEL_NAT_READ, RTX_COMMANDS.dhcp6], detect: rtxPortsetOutside };

export function rtxPortsetOutside(ctx: DiagnosisContext): FindingParts[] {
  const line = ctx.line;
  const n = tunnelNat(ctx);
  if (!n?.descriptor || line.encapsulation !== 'map-e') return [];
  const d = n.descriptor;
  if (d.type?.value !== 'masquerade' && d.type?.value !== 'nat-masquerade') return [];
  const blocks = line.portSet?.value ?? null;
  const evidence: Evidence[] = [];
  const why: { ja: string; en: string }[] = [];
  const outerIsMapE = d.outer?.value === 'map-e';
  if (!outerIsMapE) {
    evidence.push(configEvidence(ctx, [...(d.type?.lines ?? []), ...(d.outer?.lines ?? [])]));
    why.push({
      ja: `NATディスクリプター ${d.id} の外側アドレスが ${d.outer?.value ?? '（未設定）'} のため、既定のマスカレード範囲（60000-64095, 49152-59999, 44096-49151）が使われます。`,
      en: `NAT descriptor ${d.id}'s outer address is ${d.outer?.value ?? '(not set)'}, so the default masquerade pool (60000-64095, 49152-59999, 44096-49151) is used.`,
    });
  }
  let outsideCount = 0;
  if (blocks && d.portRanges) {
    const c = comparePorts(d.portRanges.ranges, blocks);
    if (c.outside.length > 0) {
      outsideCount += c.outside.length;
      evidence.push(configEvidence(ctx, d.portRanges.lines));
      why.push({ ja: `設定のポート範囲のうち ${c.outside.map(formatRange).slice(0, 4).join(', ')} が割り当て外です。`, en: `Configured port ranges ${c.outside.map(formatRange).slice(0, 4).join(', ')} are outside the set.` });
    }
  }
  if (blocks && n.shown?.portRanges && n.shown.portRanges.ranges.length > 0) {
    const c = comparePorts(n.shown.portRanges.ranges, blocks);
    if (c.outside.length > 0) {
      outsideCount += c.outside.length;
      evidence.push(ctx.evidence(ctx.rtx.cmd.nat, n.shown.portRanges.lines));
      why.push({ ja: `ルーターが使っているポート ${c.outside.map(formatRange).slice(0, 4).join(', ')} が割り当て外です。`, en: `The router translates to ports ${c.outside.map(formatRange).slice(0, 4).join(', ')}, outside the set.` });
    }
  }
  if (outerIsMapE && outsideCount === 0) return [];
  const set = blocks ? `${blocks.slice(0, 3).map(formatRange).join(', ')} …（${line.mape?.ports} ports, PSID ${line.mape?.psid}）` : '';
  const commands: string[] = [];
  const inverse: string[] = [];
  if (!outerIsMapE) {
    commands.push(`nat descriptor address outer ${d.id} map-e`);
    inverse.push(restoreOr(configLine(ctx, lastLine(d.outer)), `no nat descriptor address outer ${d.id}`));
  }
  if (d.portRanges) {
    // With outer map-e the RTX takes the port set from the MAP rule: explicit ranges only get in the way.
    commands.push(`no nat descriptor masquerade port range ${d.id}`);
    inverse.push(configLine(ctx, lastLine(d.portRanges)));
  }
  const first = blocks?.[0];
  return [
    {
      evidence,
      detail: {
        ja: `${why.map((w) => w.ja).join('\n')}${set ? `\nこのCEのポートセット: ${set}` : ''}`,
        en: `${why.map((w) => w.en).join('\n')}${set ? `\nThis CE's port set: ${set.replace('…（', '… (').replace('）', ')')}` : ''}`,
      },
      ...(commands.length > 0
        ? {
            fix: rtxPlan(
              commands,
              [...inverse].reverse(),
              first ? { kind: 'output-contains', command: RTX_COMMANDS.nat, text: formatRange(first) } : { kind: 'tunnel-rx', tunnel: String(n.tunnel.id) },
              { ja: 'MAP-Eのポートセットでマスカレードする', en: 'Masquerade into the MAP-E port set' },
            ),
          }
        : {
            // Outer `map-e` and no explicit ranges, yet the ports leave the set: nothing to correct in the config.
            checklist: [
              {
                party: 'vendor' as const,
                item: {
                  ja: `nat descriptor address outer ${d.id} map-e なのに、割り当て外のポートに変換しています。ファームウェアの既知の問題ですか。`,
                  en: `With nat descriptor address outer ${d.id} map-e the router still translates to ports outside the set. Is this a known firmware issue?`,
                },
              },
            ],
          }),
      data: { descriptor: d.id, outer: d.outer?.value ?? null, psid: line.mape?.psid ?? null },
    },
  ];
}
