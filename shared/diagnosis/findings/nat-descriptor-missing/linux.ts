import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { ev, LINUX_COMMANDS } from '../../linux/common.js';
import { masqueradePlan, natView, portSetPlan } from '../../linux/nat.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.nft, LINUX_COMMANDS.vyos], detect: linuxNatDescriptorMissing };

/**
 * No SNAT/masquerade rule sends anything out of the tunnel: LAN clients' private IPv4 sources reach the BR,
 * which drops them. Only concluded from a listing that would show every SNAT rule (`nft list ruleset`, or the
 * VyOS `set nat source` configuration). DS-Lite needs no NAT on the CE (the AFTR translates), so it is skipped.
 */
export function linuxNatDescriptorMissing(ctx: DiagnosisContext): FindingParts[] {
  const v = natView(ctx);
  if (!v || !v.complete || v.snat.rules.length > 0) return [];
  if (v.line.encapsulation === 'ds-lite') return [];
  const tun = v.tunnel.name;
  const m = v.line.mape;
  const fix = m ? portSetPlan(ctx, v) : v.line.encapsulation === 'ipip' ? masqueradePlan(ctx, v) : null;
  const nftEvidence = ctx.linux.parsed.filter((p) => p.kind === 'nft' || p.kind === 'vyos-config').flatMap((p) => (p.kind === 'nft' ? p.result.tables.map((t) => t.evidence) : []));
  return [
    {
      evidence: nftEvidence.length > 0 ? ev(ctx, nftEvidence) : ev(ctx, v.tunnel.evidence),
      detail: m
        ? {
            ja: `トンネル ${tun} から出るパケットを ${m.ipv4} の割り当てポート（${m.ports}ポート）に変換するSNATがありません。`,
            en: `No SNAT translates packets leaving tunnel ${tun} to ${m.ipv4} inside the CE's ${m.ports} ports.`,
          }
        : { ja: `トンネル ${tun} から出るパケットを変換するSNAT/マスカレードがありません。`, en: `No SNAT/masquerade applies to packets leaving tunnel ${tun}.` },
      ...(fix ? { fix } : {}),
      data: { tunnel: tun, ipv4: m?.ipv4 ?? null },
    },
  ];
}
