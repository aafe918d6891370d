import { makeFinding } from '../../finding.js';
import type { DiagnosisContext } from '../../context.js';
import type { Finding } from '../../types.js';
import { LINUX_COMMANDS, plan, tunnelEvidence, tunnelsOf, vyosManaged, vyosSession, vyosTunnelConfig } from './common.js';
import { linuxService } from './expected.js';

export const linuxTunnelMtuTooLargeNeeds = [LINUX_COMMANDS.link, LINUX_COMMANDS.vyos] as const;

/**
 * Tunnel MTU above what the line carries (1500 − 40-byte IPv6 header = 1460): large packets are dropped or
 * fragmented by the BR. ip6tnl picks 1452 (encaplimit 4) or 1460 by itself; larger values were set by hand.
 */
export function linuxTunnelMtuTooLarge(ctx: DiagnosisContext): Finding[] {
  const limit = linuxService(ctx).mtu;
  const findings: Finding[] = [];
  for (const t of tunnelsOf(ctx)) {
    if (t.mtu === null || t.mtu <= limit) continue;
    const mtu = t.mtu;
    const vyosCfg = vyosManaged(t) ? vyosTunnelConfig(ctx, t.name) : null;
    const commands = vyosCfg ? vyosSession([`set interfaces tunnel ${t.name} mtu '${limit}'`]) : [`ip link set dev ${t.name} mtu ${limit}`];
    const inverse = vyosCfg
      ? vyosSession([vyosCfg.mtu !== null ? `set interfaces tunnel ${t.name} mtu '${vyosCfg.mtu}'` : `delete interfaces tunnel ${t.name} mtu`])
      : [`ip link set dev ${t.name} mtu ${mtu}`];
    findings.push(
      makeFinding('TUNNEL_MTU_TOO_LARGE', {
        evidence: tunnelEvidence(ctx, t, (e) => /\b(link|addr)\b|configuration|^\(set/.test(e.command)),
        detail: { ja: `トンネル ${t.name} のMTUは ${mtu} です（上限 ${limit}）。`, en: `Tunnel ${t.name} has MTU ${mtu} (at most ${limit}).` },
        fix: plan(commands, inverse, { kind: 'output-contains', command: `ip link show ${t.name}`, text: `mtu ${limit}` }, {
          ja: `トンネル ${t.name} のMTUを ${limit} にします。`,
          en: `Set tunnel ${t.name}'s MTU to ${limit}.`,
        }),
        data: { tunnel: t.name, mtu, max: limit },
      }),
    );
  }
  return findings;
}
