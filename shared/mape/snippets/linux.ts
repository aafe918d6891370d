import type { MapEResult } from '../calculate.js';
import { TUNNEL_MTU, brOrPlaceholder, comment, summaryLines, type SnippetOptions } from './common.js';

/** nft mark of block i; the numgen below hands out MARK_BASE … MARK_BASE+N−1. */
const MARK_BASE = 0x10;

/**
 * Shell + nftables for a Linux MAP-E CE (ipoe-domain.md §5.1, §5.3b). SNAT uses every port block: each new
 * connection gets a round-robin mark, and one `snat ip to IPv4:start-end` rule per block matches its mark.
 * (A numgen map with port *ranges* as values lists back broken on nft 1.0.6, hence one rule per block.)
 */
export function linuxSnippet(result: MapEResult, opts: SnippetOptions = {}): string {
  const wan = opts.wan ?? 'eth0';
  const tun = opts.tunnel ?? 'mape';
  const br = brOrPlaceholder(result);
  const lines = [
    '#!/bin/sh',
    ...comment('#', [
      ...summaryLines(result),
      `Run as root. WAN=${wan} is the NGN-facing interface: change it if yours differs.`,
      'Connections are spread over every port block by an nft mark; this replaces any other use of',
      'meta mark on new connections.',
    ]),
    'set -e',
    `WAN=${wan}`,
    '# The CE address must exist on the WAN, as a /128 so native IPv6 source selection is unchanged.',
    `ip -6 addr replace ${result.ceAddress}/128 dev "$WAN"`,
    '# encaplimit none: the default (4) adds a destination-options header the BR drops.',
    `ip -6 tunnel del ${tun} 2>/dev/null || true`,
    `ip -6 tunnel add ${tun} mode ip4ip6 remote ${br} local ${result.ceAddress} dev "$WAN" encaplimit none`,
    `ip link set dev ${tun} mtu ${TUNNEL_MTU}`,
    `ip link set dev ${tun} up`,
    `ip route replace default dev ${tun}`,
    'sysctl -w net.ipv4.ip_forward=1',
    'sysctl -w net.ipv4.conf.all.rp_filter=2',
    "nft -f - <<'EOF'",
    'table ip mape',
    'delete table ip mape',
    'table ip mape {',
    ...portSetChains(result, tun),
    '}',
    'EOF',
  ];
  return lines.join('\n') + '\n';
}

/**
 * The chains of the MAP-E ruleset (tab-indented, for inside `table ip … { }`): round-robin marks on new
 * connections, one `snat ip to IPv4:start-end persistent` rule per port block for tcp, udp and icmp, and the
 * MSS clamp. The snippet and the Linux CE datapath (main/datapath) both use this one definition.
 * `natPriority` lets the datapath run its NAT chain ahead of a user's own srcnat chains.
 */
export function portSetChains(result: MapEResult, tunnel: string, natPriority = 'srcnat'): string[] {
  const n = result.portRanges.length;
  const mark = (i: number): string => `0x${(MARK_BASE + i).toString(16)}`;
  return [
    '\tchain mark_forwarded {',
    '\t\ttype filter hook prerouting priority mangle; policy accept;',
    `\t\tct state new meta mark set numgen inc mod ${n} offset ${mark(0)}`,
    '\t}',
    '\tchain mark_local {',
    '\t\ttype route hook output priority mangle; policy accept;',
    `\t\tct state new meta mark set numgen inc mod ${n} offset ${mark(0)}`,
    '\t}',
    '\tchain snat_port_blocks {',
    `\t\ttype nat hook postrouting priority ${natPriority}; policy accept;`,
    ...result.portRanges.map(
      ([start, end], i) =>
        `\t\toifname "${tunnel}" meta mark ${mark(i)} meta l4proto { tcp, udp, icmp } snat ip to ${result.ipv4}:${start}-${end} persistent`,
    ),
    '\t}',
    '\tchain clamp_mss {',
    '\t\ttype filter hook forward priority mangle; policy accept;',
    `\t\toifname "${tunnel}" tcp flags & (syn | rst) == syn tcp option maxseg size set rt mtu`,
    '\t}',
  ];
}
