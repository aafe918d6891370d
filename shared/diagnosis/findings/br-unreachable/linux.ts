import type { Detector } from '../../definition.js';
import { sameAddress } from '../../../linux/facts.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { tunnelsOf } from '../../linux/common.js';

/** `ping -6 -c 3 <BR>` (the BR from the service, or the tunnel's remote). */
export const linux: Detector = { needs: [], detect: linuxBrUnreachable };

/**
 * A `ping -6` to the BR/AFTR got no reply at all: the IPv6 underlay does not reach it, so no tunnel setting can
 * help. (A BR that drops ICMPv6 would look the same; the checklist asks the provider rather than guessing.)
 */
export function linuxBrUnreachable(ctx: DiagnosisContext): FindingParts[] {
  const line = ctx.line;
  const targets = [...(line.br?.addresses ?? []), ...tunnelsOf(ctx).flatMap((t) => (t.remote && t.remote !== 'any' ? [t.remote] : []))];
  const pings = ctx.linux.pings.filter((p) => p.family === 6 && targets.some((t) => sameAddress(t, p.target)));
  const findings: FindingParts[] = [];
  for (const p of pings) {
    if (p.received > 0) continue;
    // Another ping to the same address that did get replies wins (the transcript may show a retry after a fix).
    if (pings.some((q) => q.received > 0 && sameAddress(q.target, p.target))) continue;
    if (findings.some((f) => f.data?.target === p.target)) continue;
    const why = p.error ? { ja: `（${p.error}）`, en: ` (${p.error})` } : { ja: '', en: '' };
    findings.push({
      evidence: [p.evidence],
      detail: {
        ja: `${p.target} へのIPv6 ping は ${p.transmitted} 回送って応答 0 でした${why.ja}。`,
        en: `IPv6 ping to ${p.target}: ${p.transmitted} sent, 0 answered${why.en}.`,
      },
      checklist: [
        {
          party: 'isp',
          item: {
            ja: `このCE（${line.ce?.value ?? line.prefix?.value ?? 'WANのIPv6アドレス'}）から ${p.target} へIPv6で到達できるか、回線・経路を確認してください。`,
            en: `Check that ${p.target} is reachable over IPv6 from this CE (${line.ce?.value ?? line.prefix?.value ?? 'the WAN IPv6 address'}).`,
          },
        },
      ],
      data: { target: p.target, transmitted: p.transmitted, received: 0 },
    });
  }
  return findings;
}
