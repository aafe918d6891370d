/**
 * On an RTX: a ping6 to the BR/AFTR got no answer at all. That is the IPv6 underlay (line, route,
 * provider), not tunnel settings. Only a ping to the address the service expects counts: a failed ping to
 * a mistyped BR is BR_ADDRESS_WRONG's evidence, not this.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { normalizeIpv6, sameIpv6 } from '../../address.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: ['ping6 {br}'], detect: rtxBrUnreachable };

export function rtxBrUnreachable(ctx: DiagnosisContext): FindingParts[] {
  const expected = normalizeIpv6(ctx.line.br?.address);
  const configured = normalizeIpv6(ctx.rtx.tunnel?.endpointAddress?.remote);
  // With no expectation, the configured BR is the best we know of.
  const targets = [expected ?? configured, ...(ctx.line.br?.alternatives ?? [])].filter((a): a is string => a !== null);
  const out: FindingParts[] = [];
  for (const p of ctx.rtx.pings6) {
    if (!targets.some((a) => sameIpv6(a, p.target))) continue;
    const r = p.result;
    const failed = r.summary ? r.summary.transmitted > 0 && r.summary.received === 0 : r.replies.length === 0 && r.errors.length > 0;
    if (!failed) continue;
    const lines = [...(r.summary?.lines ?? []), ...r.errors.flatMap((e) => e.lines)];
    const prefix = ctx.line.prefix?.value ?? '?';
    out.push({
      evidence: [ctx.evidence(p.command, lines)],
      detail: {
        ja: `${p.target} への ping6 に応答がありません${r.summary ? `（${r.summary.transmitted} 送信、0 受信）` : ''}。IPv6の下回り（回線・経路・プロバイダー側）を確認する必要があります。`,
        en: `ping6 ${p.target} got no reply${r.summary ? ` (${r.summary.transmitted} sent, 0 received)` : ''}: the IPv6 underlay (line, route, provider) needs checking.`,
      },
      checklist: [
        {
          party: 'isp',
          item: {
            ja: `プレフィックス ${prefix} の回線から BR ${p.target} へIPv6で到達できません。IPv6（IPoE）は開通していますか。`,
            en: `BR ${p.target} does not answer IPv6 from the line with prefix ${prefix}. Is IPv6 (IPoE) provisioned on this line?`,
          },
        },
        {
          party: 'vne',
          item: { ja: `BR ${p.target} は稼働していますか。この回線からのping6に応答しますか。`, en: `Is BR ${p.target} in service, and does it answer ping6 from this line?` },
        },
      ],
      data: { target: p.target, sent: r.summary?.transmitted ?? null, received: r.summary?.received ?? null },
    });
  }
  return out;
}
