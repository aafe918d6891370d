/**
 * The SNAT picture for the MAP-E/IPIP tunnel, shared by NAT_DESCRIPTOR_MISSING, PORTSET_PARTIAL,
 * PORTSET_OUTSIDE and ICMP_NOT_TRANSLATED, and the fix plans they share (so two findings never hand the user
 * plans that undo each other).
 */
import { portCoverage, type PortCoverage } from '../../linux/port-ranges.js';
import type { CeTunnel, L4, SnatFacts } from '../../linux/facts.js';
import { NFT_FAMILY_TABLE } from '../../linux/datapath/names.js';
import type { DiagnosisContext } from '../context.js';
import type { LineIdentity } from '../line/identity.js';
import type { FixPlan } from '../parts.js';
import {
  masqueradeChains,
  nftChainCommands,
  nftChainInverse,
  pingCheck,
  plan,
  portSetChains,
  tunnelsOf,
  vyosManaged,
  vyosPortSetPlan,
  vyosSession,
  vyosSourceNatRules,
  type VyosRuleLines,
} from './common.js';

export interface NatView {
  tunnel: CeTunnel;
  snat: SnatFacts;
  line: LineIdentity;
  /** A listing that would show every SNAT rule (`nft list ruleset`, or VyOS `set nat source` unfiltered). */
  complete: boolean;
  /** The SNAT rules (or their absence) are known only from VyOS configuration. */
  vyos: boolean;
  /** Per-protocol comparison with the MAP-E port set (null when not MAP-E). */
  coverage: Record<L4, PortCoverage> | null;
}

export function natView(ctx: DiagnosisContext): NatView | null {
  const tunnel = tunnelsOf(ctx)[0];
  const ce = ctx.linux.ce;
  if (!tunnel || !ce) return null;
  const cov = ctx.linux.coverage;
  const sawNat = ce.seen.includes('nft') || cov.vyosCovers('set nat source');
  if (!sawNat) return null;
  const line = ctx.line;
  const snat = ce.snat;
  // VyOS regenerates its nft table (vyos_nat) from `set nat` on every commit: when VyOS configuration holds NAT
  // rules for this tunnel (or the tunnel itself), the lasting fix is VyOS configuration, whatever nft shows.
  const vyos =
    vyosSourceNatRules(ctx).some((r) => r.outboundInterface === tunnel.name) ||
    (snat.rules.length === 0 && !cov.nftRuleset && (vyosManaged(tunnel) || !cov.kernel));
  const set = line.portSet?.value ?? null;
  const coverage = set
    ? {
        tcp: portCoverage(snat.byProtocol.tcp.ranges, set),
        udp: portCoverage(snat.byProtocol.udp.ranges, set),
        icmp: portCoverage(snat.byProtocol.icmp.ranges, set),
      }
    : null;
  return { tunnel, snat, line, complete: cov.nftRuleset || cov.vyosCovers('set nat source'), vyos, coverage };
}

/** TCP and UDP both translate into every port of the set and nowhere else. */
export function tcpUdpHealthy(v: NatView): boolean {
  if (!v.coverage) return false;
  return (['tcp', 'udp'] as const).every((p) => !v.snat.byProtocol[p].unrestricted && v.coverage![p].covered === v.coverage![p].total && v.coverage![p].outside.length === 0);
}

/** VyOS rules toward the tunnel with their original `set` lines (to re-create them in an inverse). */
function replacedVyosRules(ctx: DiagnosisContext, tunnel: string): { rules: VyosRuleLines[]; keyword: 'name' | 'legacy'; next: number } {
  const all = vyosSourceNatRules(ctx);
  const rules: VyosRuleLines[] = [];
  let keyword: 'name' | 'legacy' = 'name';
  for (const r of all) {
    const lines = ctx.linux.evidence(r.evidence).flatMap((e) => e.excerpt.map((l) => l.trim()).filter((l) => l.startsWith('set ')));
    if (lines.some((l) => /outbound-interface '/.test(l))) keyword = 'legacy';
    if (r.outboundInterface === tunnel && !rules.some((x) => x.number === r.number)) rules.push({ number: r.number, lines });
  }
  const max = all.reduce((m, r) => Math.max(m, r.number), 0);
  return { rules, keyword, next: Math.max(1000, max + 1) };
}

/**
 * The plan that makes TCP/UDP (and ICMP where possible) use every block. VyOS configuration gets VyOS rules;
 * kernel nft gets the mark + per-block table (common.ts). Null when the port set is unknown.
 */
export function portSetPlan(ctx: DiagnosisContext, v: NatView): FixPlan | null {
  const m = v.line.mape;
  if (!m) return null;
  const blocks = m.portRanges;
  const tun = v.tunnel.name;
  if (v.vyos) {
    const r = replacedVyosRules(ctx, tun);
    const p = vyosPortSetPlan(tun, m.ipv4, blocks, r.rules, r.next, r.keyword);
    return plan(p.commands, p.inverse, pingCheck, {
      ja: `VyOSの送信元NATを、${blocks.length}ブロック（${m.ports}ポート）すべてを使う${blocks.length}本のルールに置き換えます（TCP/UDP）。`,
      en: `Replace the VyOS source NAT with ${blocks.length} rules that use all ${blocks.length} blocks (${m.ports} ports) for TCP/UDP.`,
    });
  }
  const chains = portSetChains(tun, m.ipv4, blocks, ['tcp', 'udp', 'icmp']);
  return plan(nftChainCommands(chains), nftChainInverse(chains), pingCheck, {
    ja: `nft テーブル ${NFT_FAMILY_TABLE} に、新しい接続を${blocks.length}ブロックに振り分けて ${m.ipv4} の割り当てポート（${m.ports}ポート）だけに変換するチェーンを作ります（TCP/UDP/ICMP）。元に戻すときはそのチェーンを消すだけです。`,
    en: `Add chains to nft table ${NFT_FAMILY_TABLE}: new connections are spread over the ${blocks.length} blocks and translated to ${m.ipv4} inside the CE's ${m.ports} ports (TCP/UDP/ICMP). Undo by deleting those chains.`,
  });
}

/**
 * ICMP into the port set. VyOS `set nat` refuses ports for ICMP, so it is always nft; when TCP/UDP are already
 * right (or handled by VyOS rules) only ICMP goes into the table, otherwise the full plan so both findings'
 * plans are the same table and never flush each other's rules.
 */
export function icmpPlan(ctx: DiagnosisContext, v: NatView): FixPlan | null {
  const m = v.line.mape;
  if (!m) return null;
  if (!v.vyos && !tcpUdpHealthy(v)) return portSetPlan(ctx, v);
  const vyosNote = v.vyos
    ? {
        ja: 'VyOSの set nat はICMPにポートを指定できないため nft で追加します。再起動後も残すには /config/scripts/vyos-postconfig-bootup.script に同じコマンドを書いてください。',
        en: 'VyOS `set nat` cannot give ICMP a port, so this uses nft; to keep it across reboots put the same commands in /config/scripts/vyos-postconfig-bootup.script.',
      }
    : { ja: '', en: '' };
  const chains = portSetChains(v.tunnel.name, m.ipv4, m.portRanges, ['icmp']);
  return plan(nftChainCommands(chains), nftChainInverse(chains), pingCheck, {
    ja: `ICMPエコーの識別子を ${m.ipv4} の割り当てポート内（${m.portRanges.length}ブロック）に変換します。${vyosNote.ja}`,
    en: `Translate ICMP echo identifiers into ${m.ipv4}'s port set (${m.portRanges.length} blocks). ${vyosNote.en}`.trim(),
  });
}

/** NAT for a whole-address tunnel (fixed IP): masquerade to the tunnel's own IPv4. */
export function masqueradePlan(ctx: DiagnosisContext, v: NatView): FixPlan {
  const tun = v.tunnel.name;
  if (v.vyos) {
    const { keyword, next: n } = replacedVyosRules(ctx, tun);
    const out = keyword === 'name' ? `outbound-interface name '${tun}'` : `outbound-interface '${tun}'`;
    return plan(
      vyosSession([`set nat source rule ${n} ${out}`, `set nat source rule ${n} translation address 'masquerade'`]),
      vyosSession([`delete nat source rule ${n}`]),
      pingCheck,
      { ja: `トンネル ${tun} から出るIPv4をマスカレードします。`, en: `Masquerade IPv4 leaving through tunnel ${tun}.` },
    );
  }
  const chains = masqueradeChains(tun);
  return plan(
    nftChainCommands(chains),
    nftChainInverse(chains),
    pingCheck,
    { ja: `トンネル ${tun} から出るIPv4をマスカレードします。`, en: `Masquerade IPv4 leaving through tunnel ${tun}.` },
  );
}
