import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { ev, LINUX_COMMANDS, rangesText } from '../../linux/common.js';
import { icmpPlan, natView } from '../../linux/nat.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.nft, LINUX_COMMANDS.vyos], detect: linuxIcmpNotTranslated };

/**
 * MAP-E: ICMP echo identifiers must be translated into the port set like ports (RFC 7597). A SNAT limited to
 * TCP/UDP (VyOS `protocol tcp_udp`, field report 003) leaves ping untranslated; one without a port range leaves
 * the identifier wherever the client put it. Either way IPv4 ping fails while TCP/UDP may work.
 */
export function linuxIcmpNotTranslated(ctx: DiagnosisContext): FindingParts[] {
  const v = natView(ctx);
  const m = v?.line.mape;
  if (!v || !m || !v.coverage || v.snat.rules.length === 0) return [];
  const icmp = v.snat.byProtocol.icmp;
  if (!icmp.untranslated && !icmp.unrestricted && v.coverage.icmp.covered > 0) return [];
  const tcpEvidence = v.snat.byProtocol.tcp.evidence;
  const detail = icmp.untranslated
    ? {
        ja: `トンネル向けのSNATはどれもICMPを対象にしていません（TCP/UDPのみ）。ICMPエコーの識別子は ${m.ipv4} の割り当てポート（${rangesText(m.portRanges, 3)}）内に変換されません。`,
        en: `No SNAT toward the tunnel covers ICMP (TCP/UDP only), so ICMP echo identifiers are never mapped into ${m.ipv4}'s port set (${rangesText(m.portRanges, 3)}).`,
      }
    : {
        ja: `ICMPはポート範囲なしで変換されているため、識別子が ${m.ipv4} の割り当てポート内に収まりません。`,
        en: `ICMP is translated without a port range, so identifiers are not kept inside ${m.ipv4}'s port set.`,
      };
  const fix = icmpPlan(ctx, v);
  return [
    {
      evidence: ev(ctx, icmp.untranslated ? tcpEvidence : icmp.evidence),
      detail,
      ...(fix ? { fix } : {}),
      data: { ipv4: m.ipv4, untranslated: icmp.untranslated },
    },
  ];
}
