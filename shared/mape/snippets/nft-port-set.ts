/**
 * The nftables chains of a MAP-E CE, as data, in one place for every form they take: the Linux snippet and the
 * Linux CE datapath (a table file), the OpenWrt fw4 include, and the diagnosis's fix plans (`nft add` commands).
 * ipoe-domain.md §5.3b: each new connection gets a round-robin mark (prerouting for forwarded traffic, a
 * route-type output chain for the host's own), then one `snat ip to IPv4:start-end persistent` rule per port
 * block matches its mark. (A numgen map with port *ranges* as values lists back broken on nft 1.0.6.)
 */
import type { PortRange } from '../port-set.js';
import { NFT_CHAINS } from '../../linux/datapath/names.js';

export interface NftChain {
  name: string;
  type: 'filter' | 'route' | 'nat';
  hook: 'prerouting' | 'output' | 'forward' | 'postrouting';
  priority: string;
  rules: string[];
}

export type L4Protocol = 'tcp' | 'udp' | 'icmp';

/** Mark of block i; the round robin hands out MARK_BASE … MARK_BASE+N−1. */
const MARK_BASE = 0x10;
export function portBlockMark(i: number): string {
  return `0x${(MARK_BASE + i).toString(16)}`;
}

export interface PortSetNft {
  tunnel: string;
  ipv4: string;
  portRanges: readonly PortRange[];
  /** Default tcp, udp and icmp (ICMP echo identifiers must stay inside the set too). */
  protocols?: readonly L4Protocol[];
  /** Default srcnat; `srcnat - 1` runs ahead of a user's own srcnat chains (the kernel uses the first that binds). */
  natPriority?: string;
  /** Chain name prefix where the chains share a table with others (fw4). */
  namePrefix?: string;
}

export function portSetNftChains(o: PortSetNft): NftChain[] {
  const p = o.namePrefix ?? '';
  const protocols = o.protocols ?? ['tcp', 'udp', 'icmp'];
  const l4 = protocols.length === 1 ? protocols[0]! : `{ ${protocols.join(', ')} }`;
  const roundRobin = `ct state new meta mark set numgen inc mod ${o.portRanges.length} offset ${portBlockMark(0)}`;
  return [
    // Replies and connections arriving from the BR are not ours to spread.
    { name: `${p}${NFT_CHAINS.markForwarded}`, type: 'filter', hook: 'prerouting', priority: 'mangle', rules: [`iifname != "${o.tunnel}" ${roundRobin}`] },
    { name: `${p}${NFT_CHAINS.markLocal}`, type: 'route', hook: 'output', priority: 'mangle', rules: [roundRobin] },
    {
      name: `${p}${NFT_CHAINS.snatPortBlocks}`,
      type: 'nat',
      hook: 'postrouting',
      priority: o.natPriority ?? 'srcnat',
      rules: o.portRanges.map(([start, end], i) => `oifname "${o.tunnel}" meta mark ${portBlockMark(i)} meta l4proto ${l4} snat ip to ${o.ipv4}:${start}-${end} persistent`),
    },
  ];
}

/** TCP MSS clamped to the tunnel's path MTU (1460 − 40): without it, large downloads stall. */
export function mssClampChain(tunnel: string, name: string = NFT_CHAINS.clampMss): NftChain {
  return { name, type: 'filter', hook: 'forward', priority: 'mangle', rules: [`oifname "${tunnel}" tcp flags & (syn | rst) == syn tcp option maxseg size set rt mtu`] };
}

/** The chains as nft file text, each line indented by `indent` (inside `table … { }`, or at the top of an fw4 include). */
export function chainText(chains: readonly NftChain[], indent = '\t'): string[] {
  return chains.flatMap((c) => [
    `${indent}chain ${c.name} {`,
    `${indent}\ttype ${c.type} hook ${c.hook} priority ${c.priority}; policy accept;`,
    ...c.rules.map((r) => `${indent}\t${r}`),
    `${indent}}`,
  ]);
}

/** The same chains as `nft add chain` / `nft add rule` commands into an existing table (`ip name`). */
export function chainCommands(table: string, chains: readonly NftChain[]): string[] {
  return chains.flatMap((c) => [
    `nft 'add chain ${table} ${c.name} { type ${c.type} hook ${c.hook} priority ${c.priority}; policy accept; }'`,
    ...c.rules.map((r) => `nft 'add rule ${table} ${c.name} ${r}'`),
  ]);
}
