/**
 * The nft table of the datapath, as one `nft -f` file that replaces the table atomically (so loading it twice
 * is the same as loading it once).
 *
 * MAP-E uses the same chains as the `shared/mape/snippets/linux.ts` snippet (ipoe-domain.md §5.3b: a
 * round-robin mark per new connection, prerouting for forwarded traffic and a route-type output chain for the
 * host's own, then one `snat ip to IPv4:start-end persistent` rule per port block for tcp, udp and icmp, plus
 * the MSS clamp), from the one definition `portSetChains`.
 */
import { type MapEResult } from '../../shared/mape/index.js';
import { portSetChains } from '../../shared/mape/snippets/linux.js';
import { NFT_FAMILY_TABLE, TUNNEL } from './names.js';

/**
 * Our NAT chain runs one step before the usual srcnat chains: the kernel uses the first nat chain that binds a
 * connection, so a masquerade or SNAT rule the user already has can never take our tunnel's traffic out of the
 * port set, whatever order the chains were registered in.
 */
const NAT_PRIORITY_VALUE = 'srcnat - 1';
const NAT_PRIORITY = `priority ${NAT_PRIORITY_VALUE};`;

export function mapeRuleset(result: MapEResult): string {
  return wrap([
    ...comment([
      `MAP-E ${result.provider}: ${result.ipv4}, PSID ${result.psid}, ${result.ports} ports in ${result.portRanges.length} blocks.`,
      'Each new connection gets a round-robin mark; one SNAT rule per port block matches its mark.',
    ]),
    ...portSetChains(result, TUNNEL, NAT_PRIORITY_VALUE),
  ]);
}

/** Fixed IP (IPIP): the whole IPv4 address is ours, so LAN traffic is simply SNATed to it, any port. */
export function fixedIpRuleset(fixedIpv4: string): string {
  return wrap([
    ...comment([`Fixed IP ${fixedIpv4}: the whole address, no port restriction.`]),
    '\tchain snat_fixed_ip {',
    `\t\ttype nat hook postrouting ${NAT_PRIORITY} policy accept;`,
    `\t\toifname "${TUNNEL}" snat ip to ${fixedIpv4}`,
    '\t}',
    ...mssClamp(),
  ]);
}

/**
 * DS-Lite: the AFTR does the NAPT. The only translation at the CE is to the B4 address 192.0.0.2, so what
 * leaves the tunnel has the one source the AFTR expects from this B4 (as the public transix samples do).
 */
export function dsliteRuleset(b4Ipv4: string): string {
  return wrap([
    ...comment([`DS-Lite: the AFTR translates; the CE only sources everything from the B4 address ${b4Ipv4}.`]),
    '\tchain snat_b4 {',
    `\t\ttype nat hook postrouting ${NAT_PRIORITY} policy accept;`,
    `\t\toifname "${TUNNEL}" ip saddr != ${b4Ipv4} snat ip to ${b4Ipv4}`,
    '\t}',
    ...mssClamp(),
  ]);
}

/** Same clamp as the MAP-E snippet: SYNs into the tunnel carry an MSS that fits its MTU (1460 − 40 = 1420). */
function mssClamp(): string[] {
  return [
    '\tchain clamp_mss {',
    '\t\ttype filter hook forward priority mangle; policy accept;',
    `\t\toifname "${TUNNEL}" tcp flags & (syn | rst) == syn tcp option maxseg size set rt mtu`,
    '\t}',
  ];
}

function comment(lines: string[]): string[] {
  return lines.map((l) => `\t# ${l}`);
}

/**
 * Declare, delete and re-create in one transaction: the table is replaced atomically, never half-loaded, and a
 * second load leaves exactly one copy.
 */
function wrap(body: string[]): string {
  return [`table ${NFT_FAMILY_TABLE}`, `delete table ${NFT_FAMILY_TABLE}`, `table ${NFT_FAMILY_TABLE} {`, ...body, '}', ''].join('\n');
}
