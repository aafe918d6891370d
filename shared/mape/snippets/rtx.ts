import { serviceById } from '../../services/catalog.js';
import type { MapEResult } from '../calculate.js';
import { TUNNEL_MTU, comment, portBlockLines, summaryLines } from './common.js';

/**
 * Yamaha RTX/NVR config for MAP-E (ipoe-domain.md §4.1). The router derives CE, IPv4 and the port set from the
 * MAP rule itself (`nat descriptor address outer … map-e` uses every block); the values are listed so the user
 * can compare them with `show nat descriptor address`.
 */
export function rtxSnippet(result: MapEResult): string {
  const rtx = result.providerId === 'custom' ? undefined : serviceById(result.providerId).rtx;
  const type = rtx?.value.mapEType;
  const lines = comment('#', [
    ...summaryLines(result),
    'Port blocks (RTX uses all of them with "nat descriptor address outer 1000 map-e"):',
    ...portBlockLines(result).map((l) => `  ${l}`),
    'LAN2 = the ONU/HGW side, LAN1 = your LAN. This is for an RA (/64) line. On a DHCPv6-PD line',
    '(光電話 with the ONU direct, 10G, クロス) use dhcp-prefix@lan2 instead of ra-prefix@lan2',
    'and "ipv6 lan2 dhcp service client" without ir=on.',
    'The secure filters below replace LAN2\'s IPv6 filters: merge them with yours if you have your own.',
    ...(rtx && rtx.confidence !== 'confirmed' && rtx.note ? [`Note: ${rtx.note}`] : []),
  ]);
  lines.push(
    'ngn type lan2 ntt',
    'ipv6 prefix 1 ra-prefix@lan2::/64',
    'ipv6 lan1 address ra-prefix@lan2::1/64',
    'ipv6 lan1 rtadv send 1 o_flag=on',
    'ipv6 lan1 dhcp service server',
    'ipv6 lan2 dhcp service client ir=on',
    'ipv6 lan2 secure filter in 200030 200031 200038 200039',
    'ipv6 lan2 secure filter out 200099 dynamic 200098 200099',
    'ipv6 filter 200030 pass * * icmp6 * *',
    '# protocol 4 = IPv4-in-IPv6 from the BR: without it every reply is dropped',
    'ipv6 filter 200031 pass * * 4',
    'ipv6 filter 200038 pass * * udp * 546',
    'ipv6 filter 200039 reject * *',
    'ipv6 filter 200099 pass * * * * *',
    'ipv6 filter dynamic 200098 * * tcp',
    'ipv6 filter dynamic 200099 * * udp',
    'tunnel select 1',
    ' tunnel encapsulation map-e',
    type ? ` tunnel map-e type ${type}` : ' # tunnel map-e type: not known for a custom rule',
    ` ip tunnel mtu ${TUNNEL_MTU}`,
    ' ip tunnel nat descriptor 1000',
    ' ip tunnel tcp mss limit auto',
    ' tunnel enable 1',
    'ip route default gateway tunnel 1',
    'nat descriptor type 1000 masquerade',
    'nat descriptor address outer 1000 map-e',
  );
  return lines.join('\n') + '\n';
}
