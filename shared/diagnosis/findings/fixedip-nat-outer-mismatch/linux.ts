import type { Detector } from '../../definition.js';
import { sameAddress } from '../../../linux/facts.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts, FixPlan } from '../../parts.js';
import { ev, LINUX_COMMANDS, pingCheck, plan, tunnelIpv4, tunnelsOf, vyosSession, vyosSourceNatRules } from '../../linux/common.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.nft, LINUX_COMMANDS.vyos, LINUX_COMMANDS.addr], detect: linuxFixedipNatOuterMismatch };

/**
 * Fixed IP: what leaves the tunnel is not translated to the contracted IPv4 (from the notice): an SNAT to
 * another address, or masquerade on a tunnel that holds another address. The BR drops it.
 */
export function linuxFixedipNatOuterMismatch(ctx: DiagnosisContext): FindingParts[] {
  // Only the contract notice says what the fixed IP must be; the tunnel's own address is what is judged.
  const line = ctx.line;
  const fixed = line.fixedIpv4?.source === 'notice' ? line.fixedIpv4.value : undefined;
  const t = tunnelsOf(ctx)[0];
  const ce = ctx.linux.ce;
  if (!fixed || line.encapsulation !== 'ipip' || !t || !ce) return [];
  const findings: FindingParts[] = [];
  const wrongSnat = ce.snat.rules.filter((r) => r.kind === 'snat' && r.address !== null && !sameAddress(r.address, fixed));
  if (wrongSnat.length > 0) {
    const vyosRules = vyosSourceNatRules(ctx).filter((r) => r.outboundInterface === t.name && r.translationAddress !== null && r.translationAddress !== 'masquerade' && !sameAddress(r.translationAddress, fixed));
    const fix: FixPlan | undefined =
      vyosRules.length > 0
        ? plan(
            vyosSession(vyosRules.map((r) => `set nat source rule ${r.number} translation address '${fixed}'`)),
            vyosSession(vyosRules.map((r) => `set nat source rule ${r.number} translation address '${r.translationAddress}'`)),
            pingCheck,
            { ja: `送信元NATの変換先を固定IP ${fixed} にします。`, en: `Translate to the fixed IP ${fixed}.` },
          )
        : undefined;
    findings.push({
      evidence: ev(ctx, wrongSnat.map((r) => r.evidence)),
      detail: {
        ja: `トンネル ${t.name} へのSNATが ${wrongSnat[0]!.address} に変換していますが、契約の固定IPは ${fixed} です。`,
        en: `SNAT toward tunnel ${t.name} translates to ${wrongSnat[0]!.address}, but the contracted fixed IP is ${fixed}.`,
      },
      ...(fix ? { fix } : {}),
      data: { outer: wrongSnat[0]!.address, fixedIpv4: fixed },
    });
    return findings;
  }
  const masq = ce.snat.rules.some((r) => r.kind === 'masquerade');
  const addrs = tunnelIpv4(ctx, t.name);
  const current = addrs[0];
  if (masq && current && !addrs.some((a) => sameAddress(a.address, fixed))) {
    findings.push({
      evidence: ev(ctx, current.evidence),
      detail: {
        ja: `トンネル ${t.name} はマスカレードで、そのアドレスは ${current.address} ですが、契約の固定IPは ${fixed} です。`,
        en: `Tunnel ${t.name} masquerades to its own address ${current.address}, but the contracted fixed IP is ${fixed}.`,
      },
      fix: plan(
        [`ip addr add ${fixed}/32 dev ${t.name}`, `ip addr del ${current.address}/${current.prefixLength} dev ${t.name}`],
        [`ip addr add ${current.address}/${current.prefixLength} dev ${t.name}`, `ip addr del ${fixed}/32 dev ${t.name}`],
        pingCheck,
        { ja: `トンネル ${t.name} のアドレスを固定IP ${fixed} にします。`, en: `Give tunnel ${t.name} the fixed IP ${fixed}.` },
      ),
      data: { outer: current.address, fixedIpv4: fixed },
    });
  }
  return findings;
}
