/** On an RTX: the tunnel's NAT outer address is not the fixed IPv4 of the notice. */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import { TUNNEL_NAT_READ } from '../../rtx/reads.js';
import type { Evidence, FindingParts } from '../../parts.js';
import { configEvidence, configLine, lastLine, rtxPlan, tunnelRx } from '../../rtx/common.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config, TUNNEL_NAT_READ], detect: rtxFixedipNatOuterMismatch };

export function rtxFixedipNatOuterMismatch(ctx: DiagnosisContext): FindingParts[] {
  // Only the contract notice says what the fixed IP must be; the config's own outer address is what is judged.
  const fixed = ctx.line.fixedIpv4;
  const want = fixed?.source === 'notice' ? fixed.value.replace(/\/32$/, '') : undefined;
  const t = ctx.rtx.tunnel;
  if (!want || !t) return [];
  const cfg = ctx.rtx.config;
  const out: FindingParts[] = [];
  for (const id of t.natDescriptors?.ids ?? []) {
    const outer = cfg?.natDescriptors[id]?.outer;
    if (!outer || outer.value.split(/\s+/)[0] === want) continue;
    const evidence: Evidence[] = [configEvidence(ctx, [...(t.natDescriptors?.lines ?? []), ...outer.lines])];
    const shown = ctx.rtx.nat?.descriptors.find((d) => d.id === id);
    if (shown?.outerAddresses[0]) evidence.push(ctx.evidence(ctx.rtx.cmd.nat, shown.outerAddresses[0].lines));
    const old = configLine(ctx, lastLine(outer));
    out.push({
      evidence,
      detail: {
        ja: `NATディスクリプター ${id} の外側アドレスは ${outer.value} ですが、契約の固定IPは ${want} です。`,
        en: `NAT descriptor ${id}'s outer address is ${outer.value}; the contracted fixed IP is ${want}.`,
      },
      fix: rtxPlan([`nat descriptor address outer ${id} ${want}`], [old], tunnelRx(t.id), {
        ja: `NATの外側アドレスを ${want} にする`,
        en: `Set the NAT outer address to ${want}`,
      }),
      data: { descriptor: id, configured: outer.value, expected: want },
    });
  }
  return out;
}
