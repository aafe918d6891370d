import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { LINUX_COMMANDS, plan, tunnelEvidence, tunnelsOf, vyosManaged, vyosSession, vyosTunnelConfig } from '../../linux/common.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.tunnel, LINUX_COMMANDS.link, LINUX_COMMANDS.vyos], detect: linuxEncaplimitPresent };

/**
 * ip6tnl adds a Destination Options header (Tunnel Encapsulation Limit) to every packet unless told
 * `encaplimit none`; BRs drop those (ipoe-domain.md §5.1, §5.3b). VyOS leaves the kernel default when
 * `parameters ipv6 encaplimit` is not configured.
 */
export function linuxEncaplimitPresent(ctx: DiagnosisContext): FindingParts[] {
  const findings: FindingParts[] = [];
  for (const t of tunnelsOf(ctx)) {
    if (typeof t.encapLimit !== 'number') continue;
    const limit = t.encapLimit;
    const cfg = vyosManaged(t) ? vyosTunnelConfig(ctx, t.name) : null;
    const commands = cfg
      ? vyosSession([`set interfaces tunnel ${t.name} parameters ipv6 encaplimit 'none'`])
      : [`ip -6 tunnel change ${t.name} encaplimit none`];
    const inverse = cfg
      ? vyosSession([
          typeof cfg.encapLimit === 'number'
            ? `set interfaces tunnel ${t.name} parameters ipv6 encaplimit '${cfg.encapLimit}'`
            : `delete interfaces tunnel ${t.name} parameters ipv6 encaplimit`,
        ])
      : [`ip -6 tunnel change ${t.name} encaplimit ${limit}`];
    const implicit = cfg !== null && cfg.encapLimit === null;
    findings.push({
      evidence: tunnelEvidence(ctx, t, (e) => /tunnel|link|configuration|^\(set/.test(e.command)),
      detail: implicit
        ? {
            ja: `VyOSの設定にトンネル ${t.name} の parameters ipv6 encaplimit がないため、既定の encaplimit ${limit} で送信されます。`,
            en: `VyOS configuration has no parameters ipv6 encaplimit for tunnel ${t.name}, so it sends with the default encaplimit ${limit}.`,
          }
        : { ja: `トンネル ${t.name} は encaplimit ${limit} です。`, en: `Tunnel ${t.name} has encaplimit ${limit}.` },
      fix: plan(commands, inverse, { kind: 'tunnel-rx', tunnel: t.name }, {
        ja: `トンネル ${t.name} を encaplimit none にします。`,
        en: `Set encaplimit none on tunnel ${t.name}.`,
      }),
      data: { tunnel: t.name, encapLimit: limit },
    });
  }
  return findings;
}

