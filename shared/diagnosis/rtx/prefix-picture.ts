/**
 * What the RTX shows about the line's IPv6 prefix, shared by IPV6_NO_PREFIX and
 * IPV6_PREFIX_SOURCE_MISMATCH (not a rule): is there a PD lease, does RA give a prefix, which way the
 * config takes its prefix.
 */
import type { FactsView } from '../facts.js';
import { RTX_COMMANDS } from './facts.js';
import type { Evidence } from '../parts.js';
import type { Ipv6PrefixDef } from '../../rtx/config/types.js';
import { parseIpv6Input } from '../../mape/ipv6-input.js';
import { globalAddressesOn } from './common.js';

export interface PrefixPicture {
  wan: string | null;
  /** `ipv6 prefix N ra-prefix@|dhcp-prefix@WAN…` definitions. */
  defs: Ipv6PrefixDef[];
  configSource: 'ra-prefix' | 'dhcp-prefix' | null;
  /** The DHCPv6 client block on the WAN: its lease prefix (null when none) and lines. Undefined if not shown. */
  pd: { prefix: string | null; lines: number[]; clientLines: number[] } | undefined;
  /** A global prefix learned from RA on the WAN (address, route or log), with evidence; null if none seen. */
  ra: Evidence | null;
  /** Any global IPv6 address on any interface in `show ipv6 address`, or undefined when it was not run. */
  anyGlobal: boolean | undefined;
  /** Evidence that no interface has a global address (the `show ipv6 address` headings). */
  noGlobalEvidence: Evidence | null;
}

function isGlobal(text: string): boolean {
  try {
    parseIpv6Input(text);
    return true;
  } catch {
    return false;
  }
}

export function prefixPicture(ctx: FactsView): PrefixPicture {
  const cfg = ctx.rtx.config;
  const wan = ctx.rtx.wan;
  const defs = (cfg?.ipv6Prefixes ?? []).filter((p) => p.source !== 'static' && (wan === null || p.fromInterface === wan));
  const configSource = defs[0]?.source === 'ra-prefix' || defs[0]?.source === 'dhcp-prefix' ? defs[0].source : null;

  let pd: PrefixPicture['pd'];
  const dhcp = ctx.rtx.dhcp6;
  if (dhcp) {
    const client = dhcp.interfaces.find((i) => i.role === 'client' && (wan === null || i.interface.toLowerCase() === wan));
    pd = client
      ? { prefix: client.prefix?.value ?? null, lines: client.prefix?.lines ?? [], clientLines: [...client.lines, ...client.states.flatMap((s) => s.lines)] }
      : { prefix: null, lines: [], clientLines: [] };
  }

  let ra: Evidence | null = null;
  const wanGlobal = globalAddressesOn(ctx, wan);
  if (wanGlobal[0]) ra = ctx.evidence(RTX_COMMANDS.ipv6Address, wanGlobal[0].lines);
  const route = ctx.rtx.ipv6Route?.routes.find(
    (r) => r.destination !== 'default' && r.destination.includes('/') && isGlobal(r.destination) && wan !== null && r.interface.toLowerCase() === wan,
  );
  if (!ra && route) ra = ctx.evidence(RTX_COMMANDS.ipv6Route, route.lines);
  const raLog = ctx.rtx.log?.events.findLast(
    (e) => e.kind === 'ipv6-prefix' && e.action === 'add' && /^(ra|nd)$/i.test(e.source) && isGlobal(e.prefix),
  );
  if (!ra && raLog) ra = ctx.evidence(raLog.command, raLog.lines);

  const shown = ctx.rtx.ipv6Address;
  const anyGlobal = shown ? globalAddressesOn(ctx, null).length > 0 : undefined;
  const noGlobalEvidence = shown && !anyGlobal ? ctx.evidence(RTX_COMMANDS.ipv6Address, shown.interfaces.flatMap((i) => [...i.lines, ...i.addresses.flatMap((a) => a.lines)])) : null;
  return { wan, defs, configSource, pd, ra, anyGlobal, noGlobalEvidence };
}
