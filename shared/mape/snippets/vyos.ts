import type { MapEResult } from '../calculate.js';
import { TUNNEL_MTU, brOrPlaceholder, comment, summaryLines, type SnippetOptions } from './common.js';

/** First NAT rule number; rules are numbered from here, one per port block. */
const FIRST_RULE = 101;

/**
 * VyOS 1.4+ configuration (ipoe-domain.md §5.4): ipip6 tunnel, one source-NAT rule per port block. VyOS NAT
 * has no round robin, so the original source port picks the block: the 0-65535 range is cut into N slices.
 */
export function vyosSnippet(result: MapEResult, opts: SnippetOptions = {}): string {
  const wan = opts.wan ?? 'eth0';
  const tun = opts.tunnel ?? 'tun0';
  const br = brOrPlaceholder(result);
  const n = result.portRanges.length;
  const t = `set interfaces tunnel ${tun}`;
  const lines = [
    ...comment('#', [
      ...summaryLines(result),
      `${wan} is the NGN-facing interface. VyOS's DHCPv6 client does not read MAP rules, so these values are fixed:`,
      'recompute them if your prefix changes. On VyOS 1.3 write "outbound-interface tun0" (no "name").',
      'ICMP cannot be given a port range here, so IPv4 ping may fail; TCP and UDP use every block.',
    ]),
    `set interfaces ethernet ${wan} address '${result.ceAddress}/128'`,
    `set interfaces ethernet ${wan} ip source-validation 'loose'`,
    `${t} encapsulation 'ipip6'`,
    `${t} source-address '${result.ceAddress}'`,
    `${t} remote '${br}'`,
    `${t} mtu '${TUNNEL_MTU}'`,
    `${t} parameters ipv6 encaplimit 'none'`,
    `${t} ip adjust-mss 'clamp-mss-to-pmtu'`,
    `set protocols static route 0.0.0.0/0 interface ${tun}`,
  ];
  result.portRanges.forEach(([start, end], i) => {
    const rule = `set nat source rule ${FIRST_RULE + i}`;
    const from = Math.floor((i * 65536) / n);
    const to = Math.floor(((i + 1) * 65536) / n) - 1;
    lines.push(
      `${rule} description 'MAP-E port block ${i + 1}/${n}'`,
      `${rule} outbound-interface name '${tun}'`,
      `${rule} protocol 'tcp_udp'`,
      `${rule} source port '${from}-${to}'`,
      `${rule} translation address '${result.ipv4}'`,
      `${rule} translation port '${start}-${end}'`,
    );
  });
  const icmp = `set nat source rule ${FIRST_RULE + n}`;
  lines.push(
    `${icmp} description 'MAP-E other protocols'`,
    `${icmp} outbound-interface name '${tun}'`,
    `${icmp} translation address '${result.ipv4}'`,
  );
  return lines.join('\n') + '\n';
}
