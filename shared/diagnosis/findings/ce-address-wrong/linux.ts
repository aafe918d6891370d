import type { Detector } from '../../definition.js';
import { sameAddress } from '../../../linux/facts.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { LINUX_COMMANDS, plan, tunnelEvidence, tunnelsOf, vyosManaged, vyosSession } from '../../linux/common.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.tunnel, LINUX_COMMANDS.addr6, LINUX_COMMANDS.vyos], detect: linuxCeAddressWrong };

/**
 * The tunnel local differs from the CE address the service computes (MAP-E: prefix subnet 0 + draft-03
 * interface ID; fixed IP: the notice's interface ID). The BR only answers the CE address it computed itself.
 */
export function linuxCeAddressWrong(ctx: DiagnosisContext): FindingParts[] {
  const line = ctx.line;
  // Even when the prefix had to be read from the tunnel's own local, the computed CE (subnet 0, draft-03
  // interface ID) can still differ from it: that is exactly the wrong-layout / wrong-subnet case.
  if (!line.ce) return [];
  const expected = line.ce.value;
  const findings: FindingParts[] = [];
  for (const t of tunnelsOf(ctx)) {
    if (t.local === null || sameAddress(t.local, expected)) continue;
    const local = t.local;
    const hint =
      line.mape && local !== 'any' && sameAddress(local, line.mape.ceAddressRfc7597)
        ? { ja: 'RFC 7597 形式のインターフェースIDになっています。日本のサービスは draft-03 形式です。', en: 'It uses the RFC 7597 interface ID; Japanese services use the draft-03 layout.' }
        : { ja: '', en: '' };
    const vyos = vyosManaged(t);
    const commands = vyos ? vyosSession([`set interfaces tunnel ${t.name} source-address '${expected}'`]) : [`ip -6 tunnel change ${t.name} local ${expected}`];
    const inverse = vyos ? vyosSession([`set interfaces tunnel ${t.name} source-address '${local}'`]) : [`ip -6 tunnel change ${t.name} local ${local}`];
    const from = line.prefix?.value ?? '';
    findings.push({
      evidence: tunnelEvidence(ctx, t, (e) => e.command.includes('tunnel') || e.command.includes('configuration') || e.command.startsWith('(set')),
      detail: {
        ja: `トンネル ${t.name} の送信元は ${local} ですが、${from} から計算したCEアドレスは ${expected} です。${hint.ja}`,
        en: `Tunnel ${t.name} sends from ${local}, but the CE address computed from ${from} is ${expected}. ${hint.en}`.trim(),
      },
      fix: plan(commands, inverse, { kind: 'tunnel-rx', tunnel: t.name }, {
        ja: `トンネル ${t.name} の送信元を ${expected} に変更します（このアドレスがWAN側インターフェースに付いている必要があります）。`,
        en: `Send tunnel ${t.name} from ${expected} (the address must also be on the WAN interface).`,
      }),
      data: { tunnel: t.name, configured: local, expected, prefix: from || null },
    });
  }
  return findings;
}
