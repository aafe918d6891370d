import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { ev, LINUX_COMMANDS, mssClampChains, nftChainCommands, nftChainInverse, plan, tunnelsOf, vyosManaged, vyosSession } from '../../linux/common.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.nft, LINUX_COMMANDS.vyos], detect: linuxMssClampMissing };

/**
 * No TCP MSS clamping anywhere: with a 1460 tunnel MTU, servers that ignore PMTU discovery stall on large
 * segments. Only concluded from the whole nft ruleset (iptables-nft rules appear there too, as xt TCPMSS) or
 * the unfiltered VyOS interface/firewall configuration.
 */
export function linuxMssClampMissing(ctx: DiagnosisContext): FindingParts[] {
  const t = tunnelsOf(ctx)[0];
  const ce = ctx.linux.ce;
  if (!t || !ce) return [];
  const cov = ctx.linux.coverage;
  const vyosComplete = cov.vyosCovers('set interfaces ') && cov.vyosCovers('set firewall options ');
  if (!cov.nftRuleset && !vyosComplete) return [];
  if (ce.mssClamp.present) return [];
  const nftRules = ctx.linux.parsed.flatMap((p) => (p.kind === 'nft' ? p.result.rules : []));
  // iptables-nft's `-j TCPMSS` lists as an xt target the rule parser does not model; it is still a clamp.
  if (nftRules.some((r) => /TCPMSS|maxseg/i.test(r.text))) return [];
  const vyos = vyosManaged(t) && !cov.nftRuleset;
  const chains = mssClampChains(t.name);
  const commands = vyos ? vyosSession([`set interfaces tunnel ${t.name} ip adjust-mss 'clamp-mss-to-pmtu'`]) : nftChainCommands(chains);
  const inverse = vyos ? vyosSession([`delete interfaces tunnel ${t.name} ip adjust-mss`]) : nftChainInverse(chains);
  const evidence = ctx.linux.parsed.flatMap((p) => (p.kind === 'nft' ? p.result.tables.map((x) => x.evidence) : []));
  return [
    {
      evidence: evidence.length > 0 ? ev(ctx, evidence) : ev(ctx, t.evidence),
      detail: {
        ja: `トンネル ${t.name} を通るTCPのMSSを調整するルール（tcp option maxseg size set / adjust-mss）がありません。`,
        en: `No rule clamps the MSS of TCP through tunnel ${t.name} (tcp option maxseg size set / adjust-mss).`,
      },
      fix: plan(
        commands,
        inverse,
        vyos
          ? { kind: 'output-contains', command: 'show configuration commands', text: 'adjust-mss' }
          : { kind: 'output-contains', command: 'nft list ruleset', text: 'maxseg size set rt mtu' },
        { ja: `トンネル ${t.name} のTCP MSSを経路MTUに合わせて調整します。`, en: `Clamp TCP MSS to the path MTU on tunnel ${t.name}.` },
      ),
      data: { tunnel: t.name },
    },
  ];
}
