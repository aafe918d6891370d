import type { Detector } from '../../definition.js';
import { Address6 } from 'ip-address';
import { fixedIpInterfaceId } from '../../../mape/index.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { ev, LINUX_COMMANDS, tunnelEvidence, tunnelIpv4, tunnelsOf } from '../../linux/common.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.tunnel, LINUX_COMMANDS.addr6, LINUX_COMMANDS.addr], detect: linuxFixedipIidMismatch };

/**
 * Fixed IP: the interface ID in use (the notice's, else the tunnel local's) is not the draft-03/PSID-0 layout
 * the fixed IPv4 implies. A warning only: the layout is inferred from public examples and the notice wins.
 */
export function linuxFixedipIidMismatch(ctx: DiagnosisContext): FindingParts[] {
  const line = ctx.line;
  const t = tunnelsOf(ctx)[0];
  // Only where the catalog says the interface ID embeds the IPv4 (v6plus fixed IP; transix assigns its own).
  if (line.encapsulation !== 'ipip' || !line.service?.interfaceId?.embedsIpv4 || !t) return [];
  const addr = tunnelIpv4(ctx, t.name)[0];
  // The notice's fixed IPv4 and interface ID, else what the tunnel itself carries (its IPv4, its local's IID).
  const fixed = line.fixedIpv4?.value ?? null;
  const iidSource = line.interfaceId?.value ?? (t.local && t.local !== 'any' ? t.local : null);
  if (!fixed || !iidSource) return [];
  let implied: string;
  let used: string;
  try {
    implied = fixedIpInterfaceId(fixed);
    used = iidOf(iidSource);
    if (iidOf(implied) === used) return [];
  } catch {
    return [];
  }
  return [
    {
      evidence: [...tunnelEvidence(ctx, t, (e) => /tunnel|configuration|^\(set/.test(e.command)), ...(addr ? ev(ctx, addr.evidence) : [])],
      detail: {
        ja: `インターフェースID ${used} は、固定IP ${fixed} から推定される ${implied} と一致しません。通知書の値を確認してください（通知書が正です）。`,
        en: `The interface ID ${used} does not match ${implied}, which the fixed IP ${fixed} implies. Check the registration notice (it is authoritative).`,
      },
      checklist: [{ party: 'vne', item: { ja: `固定IP ${fixed} のインターフェースIDを確認してください。`, en: `Confirm the interface ID assigned with fixed IP ${fixed}.` } }],
      data: { interfaceId: used, implied, fixedIpv4: fixed },
    },
  ];
}

/** The low 64 bits of an address or interface ID, in one spelling. */
function iidOf(v: string): string {
  const a = new Address6(v.startsWith('::') || v.split(':').length > 4 ? v : `::${v}`);
  return Address6.fromBigInt(a.bigInt() & ((1n << 64n) - 1n)).correctForm();
}
