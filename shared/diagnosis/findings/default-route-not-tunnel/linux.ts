import type { Detector } from '../../definition.js';
import type { Route } from '../../../linux/ip-route.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { ev, isKernelEvidence, LINUX_COMMANDS, pingCheck, plan, tunnelsOf, vyosManaged, vyosSession } from '../../linux/common.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.route4, LINUX_COMMANDS.vyos], detect: linuxDefaultRouteNotTunnel };

const isMain = (r: Route): boolean => r.table === null || r.table === 'main';
const viaTunnel = (r: Route, names: Set<string>): boolean => (r.dev !== null && names.has(r.dev)) || r.nexthops.some((h) => h.dev !== null && names.has(h.dev));

/**
 * The IPv4 default route does not enter the tunnel: IPv4 leaves by another interface (or nowhere).
 * Judged from a kernel route listing when there is one, else from VyOS static routes. With several
 * defaults, the one with the lowest metric is what the kernel uses.
 */
export function linuxDefaultRouteNotTunnel(ctx: DiagnosisContext): FindingParts[] {
  const tunnels = tunnelsOf(ctx);
  const ce = ctx.linux.ce;
  if (tunnels.length === 0 || !ce) return [];
  const names = new Set(tunnels.map((t) => t.name));
  const cov = ctx.linux.coverage;
  const kernel = cov.routes4;
  if (!kernel && !cov.vyosCovers('set protocols static route ')) return [];
  const defaults = ce.defaultRoutesV4.filter((r) => isKernelEvidence(ctx, r.evidence) === kernel);
  // Policy routing (a default in another table that enters the tunnel) is a deliberate design: leave it.
  if (defaults.some((r) => !isMain(r) && viaTunnel(r, names))) return [];
  const main = defaults.filter(isMain).sort((a, b) => (a.metric ?? 0) - (b.metric ?? 0));
  const best = main[0];
  if (best && viaTunnel(best, names)) return [];

  const tunnel = tunnels[0]!;
  const vyos = !kernel || vyosManaged(tunnel);
  const evidence = best ? ev(ctx, main.map((r) => r.evidence)) : ev(ctx, tunnel.evidence);
  const current = best ? `default${best.via ? ` via ${best.via}` : ''}${best.dev ? ` dev ${best.dev}` : ''}` : null;
  let commands: string[];
  let inverse: string[];
  if (vyos) {
    commands = vyosSession([`set protocols static route 0.0.0.0/0 interface ${tunnel.name}`]);
    inverse = vyosSession([`delete protocols static route 0.0.0.0/0 interface ${tunnel.name}`]);
  } else {
    commands = [`ip route replace default dev ${tunnel.name}`];
    // `replace` overwrites a metric-0 default; any other default stays and only loses to the new one.
    inverse = best && (best.metric ?? 0) === 0 && current ? [`ip route replace ${current}`] : [`ip route del default dev ${tunnel.name}`];
  }
  return [
    {
      evidence,
      detail: current
        ? { ja: `IPv4のデフォルト経路は「${current}」で、トンネル ${tunnel.name} を通りません。`, en: `The IPv4 default route is "${current}", not tunnel ${tunnel.name}.` }
        : { ja: `IPv4のデフォルト経路がありません。トンネル ${tunnel.name} に向ける必要があります。`, en: `There is no IPv4 default route; it must point into tunnel ${tunnel.name}.` },
      fix: plan(commands, inverse, pingCheck, {
        ja: `IPv4のデフォルト経路をトンネル ${tunnel.name} に向けます。`,
        en: `Send the IPv4 default route into tunnel ${tunnel.name}.`,
      }),
      data: { tunnel: tunnel.name, current },
    },
  ];
}
