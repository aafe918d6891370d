/**
 * Helpers the Linux/VyOS rules share: which tunnels to judge, evidence, and fix plans in both dialects.
 *
 * Fix plans follow one convention: when the fact came from VyOS `set` configuration, the plan is VyOS
 * configuration (`configure` … `commit`, never `save`: saving happens only after the check passes), because a
 * kernel-only change would be undone by the next commit or reboot. Otherwise the plan is iproute2/nft commands.
 */
import type { CeAddress, CeTunnel, L4 } from '../../linux/facts.js';
import type { VyosNatRule, VyosTunnel } from '../../linux/vyos-config.js';
import type { Evidence as LinuxEvidence } from '../../linux/evidence.js';
import { NFT_CHAINS, NFT_FAMILY_TABLE } from '../../linux/datapath/names.js';
import { formatRange, type PortRange } from '../../mape/index.js';
import { chainCommands, mssClampChain, portSetNftChains, type NftChain } from '../../mape/snippets/nft-port-set.js';
import type { FactsView } from '../facts.js';
import type { Evidence, FixCheck, FixPlan, Text } from '../parts.js';

/** The commands the Linux rules read, canonical form (the gather plan; variants such as `ip -j …` are read too). */
export const LINUX_COMMANDS = {
  link: 'ip -s -d link show',
  tunnel: 'ip -6 tunnel show',
  addr6: 'ip -6 addr',
  // Every family: the tunnel's own IPv4 (fixed IP).
  addr: 'ip addr',
  route6: 'ip -6 route',
  route4: 'ip route',
  nft: 'nft list ruleset',
  rpFilter: 'sysctl net.ipv4.conf.all.rp_filter',
  vyos: 'show configuration commands',
} as const;

/** The IPv4-over-IPv6 tunnels to judge (empty when unknown: rules then say nothing). */
export function tunnelsOf(ctx: FactsView): CeTunnel[] {
  return ctx.linux.tunnels ?? [];
}

/** Is this tunnel managed by VyOS configuration (so the fix must be VyOS configuration too)? */
export function vyosManaged(t: CeTunnel): boolean {
  return t.sources.includes('vyos-config');
}

export function ev(ctx: FactsView, e: LinuxEvidence | readonly LinuxEvidence[]): Evidence[] {
  return ctx.linux.evidence(e);
}

/** Evidence of one tunnel, limited to the outputs that show `what` when possible. */
export function tunnelEvidence(ctx: FactsView, t: CeTunnel, prefer?: (e: LinuxEvidence) => boolean): Evidence[] {
  const chosen = prefer ? t.evidence.filter(prefer) : t.evidence;
  return ev(ctx, chosen.length > 0 ? chosen : t.evidence);
}

/** VyOS configuration path of an interface (`eth1.100` → `ethernet eth1 vif 100`); null when we cannot tell. */
export function vyosInterfacePath(ifname: string): string | null {
  const vif = /^(eth\d+)\.(\d+)$/.exec(ifname);
  if (vif) return `ethernet ${vif[1]} vif ${vif[2]}`;
  const kinds: [RegExp, string][] = [
    [/^eth\d+$/, 'ethernet'],
    [/^bond\d+$/, 'bonding'],
    [/^br\d+$/, 'bridge'],
    [/^pppoe\d+$/, 'pppoe'],
    [/^dum\d+$/, 'dummy'],
    [/^lo$/, 'loopback'],
  ];
  for (const [re, kind] of kinds) if (re.test(ifname)) return `${kind} ${ifname}`;
  return null;
}

/** VyOS configuration mode around `set`/`delete` lines. No `save`: the config is saved only after the check. */
export function vyosSession(lines: readonly string[]): string[] {
  return ['configure', ...lines, 'commit', 'exit'];
}

export function plan(commands: string[], inverse: string[], check: FixCheck, summary: Text): FixPlan {
  return { target: 'linux', commands, inverse, check, summary };
}

export const IPV4_CHECK_TARGET = '8.8.8.8';
export const pingCheck: FixCheck = { kind: 'ping', family: 4, target: IPV4_CHECK_TARGET };

export function rangesText(ranges: readonly PortRange[], max = 6): string {
  const shown = ranges.slice(0, max).map(formatRange).join(', ');
  return ranges.length > max ? `${shown}, … (${ranges.length} blocks)` : shown;
}

/**
 * Chains of the app's own nft table (shared/linux/datapath/names.ts), as `nft` commands: the table is added if
 * missing, each chain is added and flushed, so running a plan twice (PORTSET_PARTIAL and ICMP_NOT_TRANSLATED share
 * one) leaves one copy, and nothing outside these chains is touched.
 */
export function nftChainCommands(chains: readonly NftChain[]): string[] {
  return [
    `nft add table ${NFT_FAMILY_TABLE}`,
    ...chains.flatMap((c) => {
      const [add, ...rules] = chainCommands(NFT_FAMILY_TABLE, [c]);
      return [add!, `nft flush chain ${NFT_FAMILY_TABLE} ${c.name}`, ...rules];
    }),
  ];
}

/** Undo of nftChainCommands: delete those chains, then the table when no chain of ours is left in it. */
export function nftChainInverse(chains: readonly NftChain[]): string[] {
  return [
    ...[...chains].reverse().map((c) => `nft delete chain ${NFT_FAMILY_TABLE} ${c.name}`),
    `nft list table ${NFT_FAMILY_TABLE} | grep -q '^[[:space:]]*chain ' || nft delete table ${NFT_FAMILY_TABLE}`,
  ];
}

/**
 * SNAT over every port block: the chains of nft-port-set.ts (the snippet and the Linux CE datapath use the same).
 * The nat chain runs at srcnat − 1, before the usual srcnat chains, and the kernel stops at the first chain that
 * sets up NAT, so older partial rules are bypassed, not deleted: deleting these chains restores the previous
 * behaviour exactly.
 */
export function portSetChains(tunnel: string, ipv4: string, blocks: readonly PortRange[], protocols: readonly L4[]): NftChain[] {
  return portSetNftChains({ tunnel, ipv4, portRanges: blocks, protocols, natPriority: 'srcnat - 1' });
}

/** The port-set plan's commands (see portSetChains). */
export function nftPortSetCommands(tunnel: string, ipv4: string, blocks: readonly PortRange[], protocols: readonly L4[]): string[] {
  return nftChainCommands(portSetChains(tunnel, ipv4, blocks, protocols));
}

/** TCP MSS clamped to the path MTU for what leaves through the tunnel (the datapath's clamp chain). */
export function mssClampChains(tunnel: string): NftChain[] {
  return [mssClampChain(tunnel)];
}

/** Fixed IP: masquerade what leaves through the tunnel to the tunnel's own (whole) IPv4 address. */
export function masqueradeChains(tunnel: string): NftChain[] {
  return [{ name: NFT_CHAINS.snatFixedIp, type: 'nat', hook: 'postrouting', priority: 'srcnat - 1', rules: [`oifname "${tunnel}" masquerade`] }];
}

/** One VyOS source-NAT rule as shown in the configuration, for re-creating it in an inverse. */
export interface VyosRuleLines {
  number: number;
  /** The original `set nat source rule N …` lines. */
  lines: string[];
}

/**
 * VyOS cannot round-robin over blocks (`set nat` has no numgen), so the set is split by the client's source
 * port: slice i of 0-65535 is translated into block i. Every block is used; a slice whose 16 ports are busy
 * cannot borrow from another, which is the price of staying inside VyOS configuration. VyOS refuses ports
 * unless the protocol is tcp/udp (vyos-1x conf_mode/nat.py), so ICMP is left to ICMP_NOT_TRANSLATED's plan.
 */
export function vyosPortSetPlan(
  tunnel: string,
  ipv4: string,
  blocks: readonly PortRange[],
  replaced: readonly VyosRuleLines[],
  firstNumber: number,
  interfaceKeyword: 'name' | 'legacy',
): { commands: string[]; inverse: string[] } {
  const n = blocks.length;
  const slice = Math.ceil(65536 / n);
  const out = interfaceKeyword === 'name' ? `outbound-interface name '${tunnel}'` : `outbound-interface '${tunnel}'`;
  const set: string[] = [];
  const numbers: number[] = [];
  blocks.forEach(([s, e], i) => {
    const r = firstNumber + i;
    numbers.push(r);
    const lo = i * slice;
    const hi = Math.min(65535, lo + slice - 1);
    set.push(
      `set nat source rule ${r} ${out}`,
      `set nat source rule ${r} protocol 'tcp_udp'`,
      `set nat source rule ${r} source port '${lo}-${hi}'`,
      `set nat source rule ${r} translation address '${ipv4}'`,
      `set nat source rule ${r} translation port '${s}-${e}'`,
    );
  });
  const commands = vyosSession([...replaced.map((r) => `delete nat source rule ${r.number}`), ...set]);
  const inverse = vyosSession([...numbers.map((r) => `delete nat source rule ${r}`), ...replaced.flatMap((r) => r.lines)]);
  return { commands, inverse };
}

/** The VyOS configuration of a tunnel, when VyOS configuration was shown. */
export function vyosTunnelConfig(ctx: FactsView, name: string): VyosTunnel | null {
  for (const p of ctx.linux.parsed) {
    if (p.kind !== 'vyos-config') continue;
    const t = p.result.tunnels.find((x) => x.name === name);
    if (t) return t;
  }
  return null;
}

/** Every VyOS source-NAT rule shown, with the configuration it came from. */
export function vyosSourceNatRules(ctx: FactsView): VyosNatRule[] {
  return ctx.linux.parsed.flatMap((p) => (p.kind === 'vyos-config' ? p.result.natRules.filter((r) => r.kind === 'source') : []));
}

/** Is this evidence from kernel state (ip/nft output) rather than VyOS configuration? */
export function isKernelEvidence(ctx: FactsView, e: LinuxEvidence): boolean {
  return !ctx.linux.fromVyos([e]);
}

/** The IPv4 address(es) on a tunnel (`inet 133.209.13.2/32 scope global mape`, VyOS `address`). */
export function tunnelIpv4(ctx: FactsView, tunnel: string): CeAddress[] {
  return (ctx.linux.ce?.addresses ?? []).filter((a) => a.ifname === tunnel && a.family === 'inet');
}
