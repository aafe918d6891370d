/** FIXEDIP_NAT_OUTER_MISMATCH: the tunnel's NAT outer address is not the fixed IPv4 of the notice. */
import type { DiagnosisContext } from '../context.js';
import { makeFinding } from '../finding.js';
import type { Rule } from '../rule.js';
import { RTX_COMMANDS } from '../rtx-facts.js';
import type { Evidence, Finding } from '../types.js';
import { configEvidence, configLine, lastLine, rtxPlan, rtxTunnel, tunnelRx } from './common.js';

export const fixedipNatOuterMismatch: Rule = {
  code: 'FIXEDIP_NAT_OUTER_MISMATCH',
  platforms: ['rtx'],
  needs: { rtx: [RTX_COMMANDS.config, RTX_COMMANDS.nat] },
  run: rtxFixedipNatOuterMismatch,
};

export function rtxFixedipNatOuterMismatch(ctx: DiagnosisContext): Finding[] {
  const want = ctx.input.notice?.fixedIpv4?.trim().replace(/\/32$/, '');
  const t = rtxTunnel(ctx);
  if (!want || !t) return [];
  const cfg = ctx.rtx.config;
  const out: Finding[] = [];
  for (const id of t.natDescriptors?.ids ?? []) {
    const outer = cfg?.natDescriptors[id]?.outer;
    if (!outer || outer.value.split(/\s+/)[0] === want) continue;
    const evidence: Evidence[] = [configEvidence(ctx, [...(t.natDescriptors?.lines ?? []), ...outer.lines])];
    const shown = ctx.rtx.nat?.descriptors.find((d) => d.id === id);
    if (shown?.outerAddresses[0]) evidence.push(ctx.evidence(ctx.rtx.cmd.nat, shown.outerAddresses[0].lines));
    const old = configLine(ctx, lastLine(outer));
    out.push(
      makeFinding('FIXEDIP_NAT_OUTER_MISMATCH', {
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
      }),
    );
  }
  return out;
}
