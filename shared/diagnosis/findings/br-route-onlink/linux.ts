import type { Detector } from '../../definition.js';
import { routeFor } from '../../../linux/facts.js';
import type { Route } from '../../../linux/ip-route.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { ev, LINUX_COMMANDS, plan, tunnelsOf, vyosSession } from '../../linux/common.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.route6], detect: linuxBrRouteOnlink };

/**
 * The route the kernel uses toward the BR has no gateway (`2404:9200:225:100::64 dev eth1`, field report 003):
 * the host does neighbour discovery for an address that is not on the link, and nothing is sent.
 */
export function linuxBrRouteOnlink(ctx: DiagnosisContext): FindingParts[] {
  const ce = ctx.linux.ce;
  if (!ce || ce.routes.ipv6.length === 0) return [];
  const findings: FindingParts[] = [];
  for (const t of tunnelsOf(ctx)) {
    if (!t.remote || t.remote === 'any') continue;
    const route = routeFor(ce.routes.ipv6, t.remote);
    if (!route || route.via !== null || route.nexthops.some((h) => h.via !== null)) continue;
    if (route.dev === null || route.dev === 'lo' || tunnelsOf(ctx).some((x) => x.name === route.dev)) continue;
    const gw = gatewayOn(ce.routes.ipv6, route.dev);
    const dest = route.destination;
    // A VyOS static route would come back at the next commit: change it in the configuration.
    const vyos = ctx.linux.fromVyos([route.evidence]);
    const fix = gw
      ? plan(
          vyos
            ? vyosSession([`delete protocols static route6 ${dest} interface ${route.dev}`, `set protocols static route6 ${dest} next-hop ${gw} interface ${route.dev}`])
            : [`ip -6 route replace ${dest} via ${gw} dev ${route.dev}`],
          vyos
            ? vyosSession([`delete protocols static route6 ${dest} next-hop ${gw}`, `set protocols static route6 ${dest} interface ${route.dev}`])
            : [`ip -6 route replace ${dest} dev ${route.dev}`],
          { kind: 'ping', family: 6, target: t.remote },
          {
            ja: `${dest} への経路を、${route.dev} のルーター ${gw} 経由にします。`,
            en: `Route ${dest} via the router ${gw} on ${route.dev}.`,
          },
        )
      : null;
    findings.push({
      evidence: ev(ctx, route.evidence),
      detail: {
        ja: `BR ${t.remote} への経路「${dest} dev ${route.dev}」にゲートウェイ（via）がありません。${gw ? '' : '上流ルーターのリンクローカルアドレス（ip -6 route の default via）を確認してください。'}`,
        en: `The route to BR ${t.remote} ("${dest} dev ${route.dev}") has no gateway (via). ${gw ? '' : 'Find the upstream router\u2019s link-local address (the default via in ip -6 route).'}`.trim(),
      },
      ...(fix ? { fix } : {}),
      data: { br: t.remote, route: dest, dev: route.dev, gateway: gw },
    });
  }
  return findings;
}

/** A gateway known on `dev`: the IPv6 default route's, else any route's (usually the RA router fe80::…). */
function gatewayOn(routes: readonly Route[], dev: string): string | null {
  const onDev = routes.filter((r) => r.dev === dev && r.via !== null);
  return (onDev.find((r) => r.destination === 'default') ?? onDev[0])?.via ?? null;
}

