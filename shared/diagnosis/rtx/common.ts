/**
 * Helpers the RTX detectors share (not a rule): evidence from the config, the exact text of a line an inverse must
 * restore, filter lists, and the building blocks of RTX fix plans. Pure functions of the parsed facts.
 */
import { Address6 } from 'ip-address';
import { formatIpv4Network, ipv4Network, normalizeIpv6 } from '../address.js';
import type { FactsView } from '../facts.js';
import type { Evidence, FixCheck, FixPlan, Text } from '../parts.js';
import type { StaticFilter } from '../../rtx/config/types.js';
import { RTX_COMMANDS } from './facts.js';

/** Evidence from `show config` lines. */
export function configEvidence(ctx: FactsView, lines: readonly number[]): Evidence {
  return ctx.evidence(RTX_COMMANDS.config, lines);
}

/** Evidence for log lines, one entry per command they were read from (a log may be read in narrowed parts). */
export function logEvidence(ctx: FactsView, items: readonly { command: string; lines: readonly number[] }[]): Evidence[] {
  const byCommand = new Map<string, number[]>();
  for (const i of items) byCommand.set(i.command, [...(byCommand.get(i.command) ?? []), ...i.lines]);
  return [...byCommand].map(([command, lines]) => ctx.evidence(command, lines));
}

/** The exact text of a config line (without an inline comment): what an inverse must restore. */
export function configLine(ctx: FactsView, line: number | undefined): string {
  return line === undefined ? '' : ctx.rtx.lineText(RTX_COMMANDS.config, line);
}

/** The last line of a fact (a setting given twice takes the later value). */
export function lastLine(src: { lines: number[] } | null | undefined): number | undefined {
  return src ? src.lines[src.lines.length - 1] : undefined;
}

/**
 * An RTX fix plan. `commands` and `inverse` run in order; a tunnel-scoped change carries its own
 * `tunnel select N` so each list stands alone. Never `save`: saving follows verification.
 */
export function rtxPlan(commands: string[], inverse: string[], check: FixCheck, summary: Text): FixPlan {
  return { target: 'rtx', commands, inverse, check, summary };
}

export const tunnelRx = (tunnel: number): FixCheck => ({ kind: 'tunnel-rx', tunnel: String(tunnel) });

/** Restore a setting: its old line when it had one, else the `no` form that removes the new one. */
export function restoreOr(oldLine: string, noForm: string): string {
  return oldLine !== '' ? oldLine : noForm;
}

/** A filter ID not used by any IPv4 or IPv6 filter, near `preferred`. */
export function freeFilterId(used: Iterable<number>, preferred: number): number {
  const taken = new Set(used);
  for (let id = preferred; id < preferred + 1000; id++) if (!taken.has(id)) return id;
  return preferred + 1000;
}

/** A protocol field of a filter (`*`, `4`, `tcp,udp`, `icmp6`) allows protocol number 4 (IPv4-in-IPv6). */
export function protocolAllowsIpip(protocol: string): boolean {
  return protocol === '*' || protocol.split(',').some((p) => p === '4' || p === 'ipip' || p === 'ipv4');
}

/** Whether an IPv6 filter address field (`*`, an address, a prefix, a range) may match `address`. */
export function ipv6FieldMatches(field: string, address: string | null): boolean {
  if (field === '*' || field === '') return true;
  // Without a known address we cannot say the field excludes it: assume it matches (no false alarm).
  if (address === null) return true;
  let target: Address6;
  try {
    target = new Address6(address);
  } catch {
    return true;
  }
  return field.split(',').some((part) => {
    if (part.includes('-') && !part.includes('/')) {
      const [lo, hi] = part.split('-');
      try {
        const v = target.bigInt();
        return new Address6(lo ?? '').bigInt() <= v && v <= new Address6(hi ?? '').bigInt();
      } catch {
        return true;
      }
    }
    try {
      return target.isInSubnet(new Address6(part));
    } catch {
      return true;
    }
  });
}

/** The last definition of a numbered filter (a later line replaces an earlier one on the router). */
export function filterById(filters: readonly StaticFilter[], id: number): StaticFilter | undefined {
  return filters.findLast((f) => f.id === id);
}

/** The LAN's IPv4 networks: `ip lanN address` of every interface but the WAN, plus the notice's LAN. */
export function lanNetworks(ctx: FactsView): { network: { network: bigint; length: number }; text: string; lines: number[] }[] {
  const out: { network: { network: bigint; length: number }; text: string; lines: number[] }[] = [];
  const cfg = ctx.rtx.config;
  const wan = ctx.rtx.wan;
  for (const i of Object.values(cfg?.interfaces ?? {})) {
    if (i.name === wan || i.name.startsWith('pp') || !i.ipAddress) continue;
    const n = ipv4Network(i.ipAddress.value.split(/\s+/)[0] ?? '');
    if (n && n.length < 32) out.push({ network: n, text: formatIpv4Network(n), lines: i.ipAddress.lines });
  }
  const notice = ctx.input.notice?.lanIpv4 ? ipv4Network(ctx.input.notice.lanIpv4) : null;
  if (notice) out.push({ network: notice, text: formatIpv4Network(notice), lines: [] });
  return out;
}

/**
 * How to prove the IPv6 underlay works after a change: ping6 the expected BR when one is known, else a DNS
 * server the line handed out, else that a PD prefix appears.
 */
export function underlayCheck(ctx: FactsView, expectedBr: string | null | undefined): FixCheck {
  if (expectedBr) return { kind: 'ping', family: 6, target: expectedBr };
  const dns = ctx.rtx.dhcp6?.interfaces.flatMap((i) => i.dnsServers)[0]?.value;
  if (dns && normalizeIpv6(dns)) return { kind: 'ping', family: 6, target: dns };
  return { kind: 'output-contains', command: RTX_COMMANDS.dhcp6, text: 'prefix:' };
}

/** `ipv6 lan2 secure filter in 1 2 dynamic 3` from ids, as the router writes it. */
export function bindingLine(family: 'ip' | 'ipv6', scope: string, direction: 'in' | 'out', ids: readonly number[], dynamicIds: readonly number[]): string {
  const dyn = dynamicIds.length > 0 ? ` dynamic ${dynamicIds.join(' ')}` : '';
  return `${family} ${scope} secure filter ${direction} ${ids.join(' ')}${dyn}`;
}

/** Global IPv6 addresses `show ipv6 address` lists on one interface (`lan2`), with their evidence lines. */
export function globalAddressesOn(ctx: FactsView, iface: string | null): { address: string; lines: number[] }[] {
  const shown = ctx.rtx.ipv6Address;
  if (!shown) return [];
  return shown.interfaces
    .filter((i) => iface === null || i.interface.toLowerCase() === iface.toLowerCase())
    .flatMap((i) => i.addresses.filter((a) => a.scope === 'global').map((a) => ({ address: a.address, lines: a.lines })));
}
