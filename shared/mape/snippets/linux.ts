import type { MapEResult } from '../calculate.js';
import { TUNNEL_MTU, brOrPlaceholder, comment, summaryLines, type SnippetOptions } from './common.js';
import { chainText, mssClampChain, portSetNftChains } from './nft-port-set.js';

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
 * The chains of the MAP-E ruleset (tab-indented, for inside `table ip … { }`): the port-set chains and the MSS
 * clamp, from the one definition in nft-port-set.ts (the Linux CE datapath uses the same).
 */
export function portSetChains(result: MapEResult, tunnel: string, natPriority = 'srcnat'): string[] {
  return chainText([...portSetNftChains({ tunnel, ipv4: result.ipv4, portRanges: result.portRanges, natPriority }), mssClampChain(tunnel)]);
}
