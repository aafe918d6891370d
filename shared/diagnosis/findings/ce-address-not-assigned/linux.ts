import type { Detector } from '../../definition.js';
import { sameAddress } from '../../../linux/facts.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { ev, isKernelEvidence, LINUX_COMMANDS, plan, tunnelEvidence, tunnelsOf, vyosInterfacePath, vyosManaged, vyosSession } from '../../linux/common.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.addr6, LINUX_COMMANDS.tunnel, LINUX_COMMANDS.vyos], detect: linuxCeAddressNotAssigned };

/**
 * The CE address (the expected one when it can be computed, else the tunnel's local) is on no interface:
 * ip6tnl then refuses to send ("No route to host", §5.3b) or the replies are never accepted. Needs a listing of
 * every interface's addresses (kernel), or the unfiltered VyOS interface configuration.
 */
export function linuxCeAddressNotAssigned(ctx: DiagnosisContext): FindingParts[] {
  const ce = ctx.linux.ce;
  if (!ce) return [];
  const cov = ctx.linux.coverage;
  const kernel = cov.addresses;
  if (!kernel && !cov.vyosCovers('set interfaces ')) return [];
  const pool = ce.addresses.filter((a) => (kernel ? !a.configured && isKernelEvidence(ctx, a.evidence) : a.configured));
  const findings: FindingParts[] = [];
  for (const t of tunnelsOf(ctx)) {
    const address = ctx.line.ce?.value ?? (t.local !== 'any' ? t.local : null);
    if (!address) continue;
    if (pool.some((a) => sameAddress(a.address, address))) continue;
    const default6 = ce.routes.ipv6.find((r) => r.destination === 'default' && r.dev !== null);
    const wan = t.dev ?? default6?.dev ?? null;
    const path = wan ? vyosInterfacePath(wan) : null;
    const vyos = (vyosManaged(t) || !kernel) && path !== null;
    const fix = wan
      ? plan(
          vyos ? vyosSession([`set interfaces ${path} address '${address}/128'`]) : [`ip -6 addr add ${address}/128 dev ${wan}`],
          vyos ? vyosSession([`delete interfaces ${path} address '${address}/128'`]) : [`ip -6 addr del ${address}/128 dev ${wan}`],
          { kind: 'output-contains', command: `ip -6 addr show dev ${wan}`, text: address },
          {
            ja: `CEアドレス ${address}/128 を ${wan} に付けます（/64 にするとIPv6の送信元選択が変わるため /128）。`,
            en: `Add the CE address ${address}/128 to ${wan} (/128, so native IPv6 source selection is unchanged).`,
          },
        )
      : null;
    const otherLocal = t.local && t.local !== 'any' && !sameAddress(t.local, address) ? t.local : null;
    const listing = kernel ? ce.addresses.filter((a) => !a.configured && a.family === 'inet6' && (wan === null || a.ifname === wan)) : [];
    findings.push({
      evidence: [...tunnelEvidence(ctx, t, (e) => /tunnel|configuration|^\(set/.test(e.command)), ...ev(ctx, listing.map((a) => a.evidence))],
      detail: {
        ja: `CEアドレス ${address} がどのインターフェースにも設定されていません（トンネル ${t.name} の送信元${otherLocal ? `は ${otherLocal}` : 'です'}）。`,
        en: `The CE address ${address} is not configured on any interface (${otherLocal ? `tunnel ${t.name} sends from ${otherLocal}` : `tunnel ${t.name}'s local address`}).`,
      },
      ...(fix ? { fix } : {}),
      data: { tunnel: t.name, address, wan },
    });
  }
  return findings;
}

