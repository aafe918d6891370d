import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { LINUX_COMMANDS, plan, tunnelEvidence, tunnelsOf, vyosSession } from '../../linux/common.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.link, LINUX_COMMANDS.vyos], detect: linuxTunnelDisabled };

/** The tunnel exists but is administratively down (no UP flag), or VyOS has it `disable`d. */
export function linuxTunnelDisabled(ctx: DiagnosisContext): FindingParts[] {
  const findings: FindingParts[] = [];
  for (const t of tunnelsOf(ctx)) {
    if (t.up !== false && !t.disabled) continue;
    // A VyOS `disable` is the cause even when the kernel also shows the link down: the kernel follows the config.
    const viaVyos = t.disabled;
    const commands = viaVyos ? vyosSession([`delete interfaces tunnel ${t.name} disable`]) : [`ip link set dev ${t.name} up`];
    const inverse = viaVyos ? vyosSession([`set interfaces tunnel ${t.name} disable`]) : [`ip link set dev ${t.name} down`];
    findings.push({
      evidence: tunnelEvidence(ctx, t, (e) => (viaVyos ? /configuration|^\(set/.test(e.command) : /\b(link|addr)\b/.test(e.command))),
      detail: viaVyos
        ? { ja: `VyOSの設定でトンネル ${t.name} に disable が付いています。`, en: `VyOS configuration has tunnel ${t.name} disabled.` }
        : { ja: `トンネル ${t.name} が down（UPフラグなし）です。`, en: `Tunnel ${t.name} is down (no UP flag).` },
      fix: plan(commands, inverse, { kind: 'output-contains', command: `ip link show ${t.name}`, text: ',UP' }, {
        ja: `トンネル ${t.name} を有効（up）にします。`,
        en: `Bring tunnel ${t.name} up.`,
      }),
      data: { tunnel: t.name, vyosDisabled: t.disabled },
    });
  }
  return findings;
}
