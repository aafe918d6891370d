/** On an RTX: `ngn type <wan> ntt` is missing on the interface that faces the NGN (ipoe-domain.md §4.1). */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';
import { configEvidence, configLine, restoreOr, rtxPlan, underlayCheck } from '../../rtx/common.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config], detect: rtxNgnTypeMissing };

export function rtxNgnTypeMissing(ctx: DiagnosisContext): FindingParts[] {
  const cfg = ctx.rtx.config;
  const wan = ctx.rtx.wan;
  if (!cfg || !wan) return [];
  // Only an IPoE setup needs it: the line's prefix is taken from this interface, or a tunnel rides on it.
  const uses = cfg.ipv6Prefixes.filter((p) => p.fromInterface === wan);
  const client = cfg.interfaces[wan]?.dhcp6Service;
  if (uses.length === 0 && !client && !ctx.rtx.tunnel) return [];
  const current = cfg.ngnTypes.findLast((n) => n.interface === wan);
  if (current?.value === 'ntt') return [];
  const lines = [...uses.flatMap((u) => u.lines), ...(client?.lines ?? []), ...(current?.lines ?? [])];
  const old = configLine(ctx, current?.lines[current.lines.length - 1]);
  return [
    {
      evidence: [configEvidence(ctx, lines)],
      detail: current
        ? { ja: `${wan} は ngn type ${current.value} になっています（NTTのNGNでは ntt）。`, en: `${wan} has ngn type ${current.value}; on NTT's NGN it must be ntt.` }
        : {
            ja: `${wan} でIPv6（IPoE）を使っていますが、ngn type ${wan} ntt がありません。`,
            en: `${wan} carries the IPoE line, but there is no ngn type ${wan} ntt.`,
          },
      fix: rtxPlan([`ngn type ${wan} ntt`], [restoreOr(old, `no ngn type ${wan}`)], underlayCheck(ctx, ctx.line.br?.address), {
        ja: `ngn type ${wan} ntt を設定する`,
        en: `Set ngn type ${wan} ntt`,
      }),
      data: { interface: wan, current: current?.value ?? null },
    },
  ];
}
