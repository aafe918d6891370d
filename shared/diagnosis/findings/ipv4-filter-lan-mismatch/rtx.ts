/**
 * On an RTX: a tunnel filter passes traffic for a private network that is not this
 * router's LAN, the tell-tale of a copied example (field report 000: `pass * 192.168.100.0/24 icmp`
 * on a 192.168.182.0/24 LAN), so the replies it was meant to let in are rejected.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { Evidence, FindingParts } from '../../parts.js';
import type { FilterBinding } from '../../../rtx/config/types.js';
import { formatIpv4Network, ipv4Network, ipv4Overlaps, isPrivateIpv4 } from '../../address.js';
import { configEvidence, configLine, filterById, lanNetworks, rtxPlan } from '../../rtx/common.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config], detect: rtxIpv4FilterLanMismatch };

interface Mismatch {
  filterId: number;
  field: 'source' | 'destination';
  network: string;
  lines: number[];
  bindingLines: number[];
}

export function rtxIpv4FilterLanMismatch(ctx: DiagnosisContext): FindingParts[] {
  const cfg = ctx.rtx.config;
  const t = ctx.rtx.tunnel;
  if (!cfg || !t) return [];
  const lans = lanNetworks(ctx);
  const lan = lans[0];
  if (!lan) return [];
  const found: Mismatch[] = [];
  // Inbound filters name the LAN as destination, outbound ones as source.
  const check = (binding: FilterBinding | null, field: 'source' | 'destination'): void => {
    for (const id of binding?.ids ?? []) {
      const f = filterById(cfg.ipFilters, id);
      if (!f || !f.action.startsWith('pass')) continue;
      const n = ipv4Network(f[field]);
      if (!n || n.length === 0 || !isPrivateIpv4(n)) continue;
      if (lans.some((l) => ipv4Overlaps(l.network, n))) continue;
      found.push({ filterId: id, field, network: formatIpv4Network(n), lines: f.lines, bindingLines: binding?.lines ?? [] });
    }
  };
  check(t.ipFilterIn, 'destination');
  check(t.ipFilterOut, 'source');
  if (found.length === 0) return [];

  const evidence: Evidence[] = [
    configEvidence(ctx, [...found.flatMap((m) => [...m.lines, ...m.bindingLines]), ...lan.lines]),
  ];
  const commands: string[] = [];
  const inverse: string[] = [];
  for (const m of found) {
    const old = configLine(ctx, m.lines[m.lines.length - 1]);
    const f = filterById(cfg.ipFilters, m.filterId);
    if (!f || old === '') continue;
    const words = old.split(/\s+/);
    // `ip filter N ACTION SRC DST …`: source is word 4, destination word 5 (0-based), as the parser reads it.
    const at = m.field === 'source' ? 4 : 5;
    words[at] = lan.text;
    commands.push(words.join(' '));
    inverse.push(old);
  }
  const list = found.map((m) => `${m.filterId} (${m.network})`).join(', ');
  return [
    {
      evidence,
      detail: {
        ja: `トンネル${t.id}のフィルター ${list} は、このルーターのLAN ${lans.map((l) => l.text).join(', ')} ではないネットワークを指定しています。設定例をそのまま写した可能性があります。`,
        en: `Tunnel ${t.id}'s filter ${list} names a network that is not this router's LAN (${lans.map((l) => l.text).join(', ')}): probably copied from an example.`,
      },
      ...(commands.length > 0
        ? {
            fix: rtxPlan(
              commands,
              inverse,
              { kind: 'output-contains', command: RTX_COMMANDS.config, text: commands[0] ?? '' },
              {
                ja: `フィルターのネットワークをLAN ${lan.text} に直す（LANの端末から ping 8.8.8.8 で確認）`,
                en: `Point the filter at the LAN ${lan.text} (confirm with ping 8.8.8.8 from a LAN host)`,
              },
            ),
          }
        : {}),
      data: { lan: lan.text, filters: found.map((m) => m.filterId).join(','), named: found.map((m) => m.network).join(',') },
    },
  ];
}
