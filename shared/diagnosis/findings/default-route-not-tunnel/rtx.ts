/** On an RTX: the IPv4 default route does not lead into the IPv4-over-IPv6 tunnel. */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { Evidence, FindingParts } from '../../parts.js';
import { configEvidence, configLine, lastLine, restoreOr, rtxPlan, tunnelRx } from '../../rtx/common.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config, RTX_COMMANDS.ipRoute], detect: rtxDefaultRouteNotTunnel };

export function rtxDefaultRouteNotTunnel(ctx: DiagnosisContext): FindingParts[] {
  const t = ctx.rtx.tunnel;
  if (!t) return [];
  const cfg = ctx.rtx.config;
  const evidence: Evidence[] = [];
  let oldLine = '';
  let wrong = false;
  let where = '';
  if (cfg) {
    const def = cfg.routes.findLast((r) => r.family === 'ipv4' && r.destination === 'default');
    const ok = def?.gateway.kind === 'tunnel' && Number(def.gateway.value) === t.id;
    if (!ok) {
      wrong = true;
      where = def ? def.raw : '';
      oldLine = configLine(ctx, lastLine(def));
      evidence.push(configEvidence(ctx, def ? def.lines : t.selectLines.slice(0, 1)));
    }
  }
  const shown = ctx.rtx.ipRoute;
  if (shown) {
    const def = shown.routes.find((r) => r.destination === 'default');
    const ok = def?.interface.toUpperCase().replace(/\s+/g, '') === `TUNNEL[${t.id}]`;
    if (!ok && (!cfg || wrong)) {
      wrong = true;
      where ||= def ? `${def.interface} ${def.gateway}` : '';
      if (def) evidence.push(ctx.evidence(RTX_COMMANDS.ipRoute, def.lines));
    }
    // The routing table is the truth when it disagrees with the config in the tunnel's favour.
    if (ok) return [];
  }
  if (!wrong) return [];
  return [
    {
      evidence,
      detail: where
        ? { ja: `IPv4のデフォルト経路は「${where}」で、トンネル${t.id}を向いていません。`, en: `The IPv4 default route is "${where}", not tunnel ${t.id}.` }
        : { ja: `IPv4のデフォルト経路がありません（トンネル${t.id}に向ける必要があります）。`, en: `There is no IPv4 default route; it must point into tunnel ${t.id}.` },
      fix: rtxPlan([`ip route default gateway tunnel ${t.id}`], [restoreOr(oldLine, 'no ip route default')], tunnelRx(t.id), {
        ja: `IPv4のデフォルト経路をトンネル${t.id}に向ける`,
        en: `Route IPv4 default into tunnel ${t.id}`,
      }),
      data: { tunnel: t.id, current: where || null },
    },
  ];
}
