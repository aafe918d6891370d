import type { MapEResult } from '../calculate.js';
import { TUNNEL_MTU, brOrPlaceholder, comment, summaryLines } from './common.js';

const MARK_BASE = 0x10;

/**
 * OpenWrt `map` protocol options (ipoe-domain.md §5.2) plus an fw4 include that SNATs over every port block:
 * stock map.sh + fw4 ends up using only the first block and drops ICMP (§5.3). Interface `mape` → tunnel
 * device `map-mape`.
 */
export function openwrtSnippet(result: MapEResult): string {
  const [v6Net, v6Len] = result.rule.ipv6Prefix.split('/');
  const [v4Net, v4Len] = result.rule.ipv4Prefix.split('/');
  const n = result.portRanges.length;
  const mark = (i: number): string => `0x${(MARK_BASE + i).toString(16)}`;
  const dev = 'map-mape';
  const lines = [
    ...comment('#', [
      ...summaryLines(result),
      '/etc/config/network: add this interface and put it in the wan firewall zone.',
      'On an RA-only (/64) line also set on wan6: option ip6prefix \'<your /64>\' (else "MAP rule invalid").',
    ]),
    "config interface 'mape'",
    "\toption proto 'map'",
    "\toption maptype 'map-e'",
    `\toption peeraddr '${brOrPlaceholder(result)}'`,
    `\toption ipaddr '${v4Net}'`,
    `\toption ip4prefixlen '${v4Len}'`,
    `\toption ip6prefix '${v6Net}'`,
    `\toption ip6prefixlen '${v6Len}'`,
    `\toption ealen '${result.rule.eaLength}'`,
    `\toption psidlen '${result.rule.psidLength}'`,
    `\toption offset '${result.rule.psidOffset}'`,
    ...(result.interfaceIdForm === 'draft03' ? ["\toption legacymap '1'"] : []),
    `\toption mtu '${TUNNEL_MTU}'`,
    "\toption encaplimit 'ignore'",
    "\toption tunlink 'wan6'",
    '',
    ...comment('#', [
      `/etc/nftables.d/90-mape-port-blocks.nft (fw4 includes it in table inet fw4): every one of the ${n}`,
      'blocks is used, ICMP included. Runs just before fw4\'s own srcnat, so map.sh\'s single-block rule is bypassed.',
      'Then: fw4 reload',
    ]),
    'chain mape_mark_forwarded {',
    '\ttype filter hook prerouting priority mangle; policy accept;',
    `\tct state new meta mark set numgen inc mod ${n} offset ${mark(0)}`,
    '}',
    'chain mape_mark_local {',
    '\ttype route hook output priority mangle; policy accept;',
    `\tct state new meta mark set numgen inc mod ${n} offset ${mark(0)}`,
    '}',
    'chain mape_snat_port_blocks {',
    '\ttype nat hook postrouting priority srcnat - 1; policy accept;',
    ...result.portRanges.map(
      ([start, end], i) =>
        `\toifname "${dev}" meta mark ${mark(i)} meta l4proto { tcp, udp, icmp } snat ip to ${result.ipv4}:${start}-${end} persistent`,
    ),
    '}',
  ];
  return lines.join('\n') + '\n';
}
