import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { LINUX_COMMANDS, plan, tunnelEvidence, tunnelsOf, vyosManaged, vyosSession, vyosTunnelConfig } from '../../linux/common.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.link, LINUX_COMMANDS.vyos], detect: linuxTunnelMtuTooLarge };

/**
 * Tunnel MTU above what the line carries (1500 − 40-byte IPv6 header = 1460): large packets are dropped or
 * fragmented by the BR. ip6tnl picks 1452 (encaplimit 4) or 1460 by itself; larger values were set by hand.
 */
export function linuxTunnelMtuTooLarge(ctx: DiagnosisContext): FindingParts[] {
  const limit = ctx.line.mtu;
  const findings: FindingParts[] = [];
  for (const t of tunnelsOf(ctx)) {
    if (t.mtu === null || t.mtu <= limit) continue;
    const mtu = t.mtu;
    const vyosCfg = vyosManaged(t) ? vyosTunnelConfig(ctx, t.name) : null;
    const commands = vyosCfg ? vyosSession([`set interfaces tunnel ${t.name} mtu '${limit}'`]) : [`ip link set dev ${t.name} mtu ${limit}`];
    const inverse = vyosCfg
      ? vyosSession([vyosCfg.mtu !== null ? `set interfaces tunnel ${t.name} mtu '${vyosCfg.mtu}'` : `delete interfaces tunnel ${t.name} mtu`])
      : [`ip link set dev ${t.name} mtu ${mtu}`];
    findings.push({
      evidence: tunnelEvidence(ctx, t, (e) => /\b(link|addr)\b|configuration|^\(set/.test(e.command)),
      detail: { ja: `トンネル ${t.name} のMTUは ${mtu} です（上限 ${limit}）。`, en: `Tunnel ${t.name} has MTU ${mtu} (at most ${limit}).` },
      fix: plan(commands, inverse, { kind: 'output-contains', command: `ip link show ${t.name}`, text: `mtu ${limit}` }, {
        ja: `トンネル ${t.name} のMTUを ${limit} にします。`,
        en: `Set tunnel ${t.name}'s MTU to ${limit}.`,
      }),
      data: { tunnel: t.name, mtu, max: limit },
    });
  }
  return findings;
}
