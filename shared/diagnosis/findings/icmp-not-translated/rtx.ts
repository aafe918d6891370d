/**
 * On an RTX: IPv4 ping fails while the MAP-E tunnel does receive traffic, the signature
 * of ICMP echo identifiers left outside the port set. An RTX does its own translation, so this is only said
 * on that evidence (a failed IPv4 ping next to RX > 0), never from the config.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import { TUNNEL_STATUS_READ } from '../../rtx/reads.js';
import type { FindingParts } from '../../parts.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config, TUNNEL_STATUS_READ], detect: rtxIcmpNotTranslated };

export function rtxIcmpNotTranslated(ctx: DiagnosisContext): FindingParts[] {
  const t = ctx.rtx.tunnel;
  if (!t || ctx.line.encapsulation !== 'map-e') return [];
  const observed = ctx.rtx.tunnelStatus(t.id);
  const rx = observed?.status.received.ipv4;
  if (!observed || !rx || rx.packets === 0) return [];
  const failed = ctx.rtx.pings4.find((p) => p.result.summary && p.result.summary.transmitted > 0 && p.result.summary.received === 0);
  if (!failed?.result.summary) return [];
  return [
    {
      evidence: [ctx.evidence(failed.command, failed.result.summary.lines), ctx.evidence(observed.command, rx.lines)],
      detail: {
        ja: `TUNNEL[${t.id}] は ${rx.packets} パケットを受信しているのに、${failed.target} へのIPv4 pingは全て失敗しています。ICMPの識別子がポートセット内に変換されていない可能性があります（トンネルのIPv4フィルターがICMPを拒否している場合も同じ症状になります）。`,
        en: `TUNNEL[${t.id}] has received ${rx.packets} packets, yet every IPv4 ping to ${failed.target} failed: ICMP identifiers are probably not mapped into the port set (a tunnel IPv4 filter rejecting ICMP looks the same).`,
      },
      checklist: [
        {
          party: 'vendor',
          item: {
            ja: 'MAP-EでICMPエコーの識別子をポートセット内に変換しますか。対応するファームウェアはどれですか。',
            en: 'Does the router map ICMP echo identifiers into the MAP-E port set, and from which firmware?',
          },
        },
      ],
      data: { target: failed.target, tunnelRx: rx.packets },
    },
  ];
}
