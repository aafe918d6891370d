/**
 * On an RTX: the WAN's inbound IPv6 secure filter lets no protocol-4 packet (IPv4-in-IPv6)
 * from the BR through, so every reply dies at the router (ipoe-domain.md §6 #10). The list is walked in
 * order like the router does: the first filter that matches decides, and a packet no filter matches is
 * discarded. Dynamic filters do not help: they follow TCP/UDP/ICMPv6 sessions, not protocol 4.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';
import type { StaticFilter } from '../../../rtx/config/types.js';
import { normalizeIpv6 } from '../../address.js';
import { bindingLine, configEvidence, configLine, filterById, freeFilterId, ipv6FieldMatches, protocolAllowsIpip, rtxPlan, tunnelRx } from '../../rtx/common.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config], detect: rtxIpv6FilterBlocksIpip };

/** Whether a filter matches a protocol-4 packet from `br` to `ce` (either may be unknown: null). */
function matchesIpip(f: StaticFilter, br: string | null, ce: string | null): boolean {
  const portless = (p: string): boolean => p === '*' || p === '';
  return protocolAllowsIpip(f.protocol) && ipv6FieldMatches(f.source, br) && ipv6FieldMatches(f.destination, ce) && portless(f.sourcePort) && portless(f.destinationPort);
}

export function rtxIpv6FilterBlocksIpip(ctx: DiagnosisContext): FindingParts[] {
  const cfg = ctx.rtx.config;
  const wan = ctx.rtx.wan;
  const t = ctx.rtx.tunnel;
  if (!cfg || !wan || !t) return [];
  const binding = cfg.interfaces[wan]?.ipv6FilterIn;
  if (!binding || binding.ids.length === 0) return [];
  const br = normalizeIpv6(t.endpointAddress?.remote) ?? normalizeIpv6(ctx.line.br?.address);
  const ce = normalizeIpv6(ctx.line.ce?.value);
  let blocker: StaticFilter | null = null;
  for (const id of binding.ids) {
    const f = filterById(cfg.ipv6Filters, id);
    if (!f || !matchesIpip(f, br, ce)) continue;
    if (f.action.startsWith('reject')) blocker = f;
    else return [];
    break;
  }
  // An unbound `pass * * 4` that is already defined (often 200031) is reused rather than duplicated; a
  // pass-everything filter (protocol `*`) is not: binding it inbound would open the WAN.
  const existing = cfg.ipv6Filters.find((f) => f.action.startsWith('pass') && f.protocol !== '*' && matchesIpip(f, br, ce) && !binding.ids.includes(f.id) && filterById(cfg.ipv6Filters, f.id) === f);
  const newId = existing?.id ?? freeFilterId([...cfg.ipv6Filters, ...cfg.ipFilters].map((f) => f.id), 200031);
  const at = blocker ? binding.ids.indexOf(blocker.id) : binding.ids.length;
  const ids = [...binding.ids.slice(0, at), newId, ...binding.ids.slice(at)];
  const old = configLine(ctx, binding.lines[binding.lines.length - 1]);
  return [
    {
      evidence: [configEvidence(ctx, [...binding.lines, ...(blocker?.lines ?? []), ...(existing?.lines ?? [])])],
      detail: blocker
        ? {
            ja: `${wan} の受信IPv6フィルターでは、プロトコル4を通すフィルターより先に ipv6 filter ${blocker.id}（${blocker.action}）が一致するため、BRからの返信が捨てられます。`,
            en: `On ${wan}'s inbound IPv6 filter list, ipv6 filter ${blocker.id} (${blocker.action}) matches before anything passes protocol 4, so the BR's replies are dropped.`,
          }
        : {
            ja: `${wan} の受信IPv6フィルター（${binding.ids.join(' ')}）にプロトコル4を通すものがなく、どれにも一致しないパケットは捨てられます。`,
            en: `${wan}'s inbound IPv6 filter list (${binding.ids.join(' ')}) has nothing that passes protocol 4, and a packet no filter matches is discarded.`,
          },
      fix: rtxPlan(
        [...(existing ? [] : [`ipv6 filter ${newId} pass * * 4`]), bindingLine('ipv6', wan, 'in', ids, binding.dynamicIds)],
        [old, ...(existing ? [] : [`no ipv6 filter ${newId}`])],
        tunnelRx(t.id),
        { ja: `プロトコル4を通すフィルター ${newId} を ${wan} の受信に加える`, en: `Add filter ${newId} passing protocol 4 to ${wan}'s inbound list` },
      ),
      data: { interface: wan, blockingFilter: blocker?.id ?? null, newFilter: newId },
    },
  ];
}
