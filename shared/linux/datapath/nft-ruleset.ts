/**
 * The nft table of the datapath, as one `nft -f` file that replaces the table atomically (so loading it twice
 * is the same as loading it once).
 *
 * MAP-E uses the same chains as the `shared/mape/snippets/linux.ts` snippet (ipoe-domain.md §5.3b: a
 * round-robin mark per new connection, prerouting for forwarded traffic and a route-type output chain for the
 * host's own, then one `snat ip to IPv4:start-end persistent` rule per port block for tcp, udp and icmp, plus
 * the MSS clamp), from the one definition `portSetChains`.
 */
import { type MapEResult } from '../../mape/index.js';
import { portSetChains } from '../../mape/snippets/linux.js';
import { chainText, mssClampChain, type NftChain } from '../../mape/snippets/nft-port-set.js';
import { NFT_FAMILY_TABLE, TUNNEL } from './names.js';

/**
 * Our NAT chain runs one step before the usual srcnat chains: the kernel uses the first nat chain that binds a
 * connection, so a masquerade or SNAT rule the user already has can never take our tunnel's traffic out of the
 * port set, whatever order the chains were registered in.
 */
const NAT_PRIORITY_VALUE = 'srcnat - 1';

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
    ...chainText([natChain('snat_fixed_ip', `oifname "${TUNNEL}" snat ip to ${fixedIpv4}`), mssClampChain(TUNNEL)]),
  ]);
}

/**
 * DS-Lite: the AFTR does the NAPT. The only translation at the CE is to the B4 address 192.0.0.2, so what
 * leaves the tunnel has the one source the AFTR expects from this B4 (as the public transix samples do).
 */
export function dsliteRuleset(b4Ipv4: string): string {
  return wrap([
    ...comment([`DS-Lite: the AFTR translates; the CE only sources everything from the B4 address ${b4Ipv4}.`]),
    ...chainText([natChain('snat_b4', `oifname "${TUNNEL}" ip saddr != ${b4Ipv4} snat ip to ${b4Ipv4}`), mssClampChain(TUNNEL)]),
  ]);
}

function natChain(name: string, rule: string): NftChain {
  return { name, type: 'nat', hook: 'postrouting', priority: NAT_PRIORITY_VALUE, rules: [rule] };
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
