import type { MapEResult } from '../calculate.js';
import { TUNNEL_MTU, brOrPlaceholder, comment, summaryLines } from './common.js';
import { chainText, portSetNftChains } from './nft-port-set.js';

/**
 * OpenWrt `map` protocol options (ipoe-domain.md §5.2) plus an fw4 include that SNATs over every port block:
 * stock map.sh + fw4 ends up using only the first block and drops ICMP (§5.3). Interface `mape` → tunnel
 * device `map-mape`.
 */
export function openwrtSnippet(result: MapEResult): string {
  const [v6Net, v6Len] = result.rule.ipv6Prefix.split('/');
  const [v4Net, v4Len] = result.rule.ipv4Prefix.split('/');
  const n = result.portRanges.length;
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
    ...chainText(portSetNftChains({ tunnel: dev, ipv4: result.ipv4, portRanges: result.portRanges, natPriority: 'srcnat - 1', namePrefix: 'mape_' }), ''),
  ];
  return lines.join('\n') + '\n';
}
