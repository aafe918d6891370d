/**
 * The nftables model both the text parser (`nft list ruleset`) and the JSON parser (`nft -j list ruleset`)
 * produce. Only what MAP-E diagnosis needs is typed: which rules SNAT into which ports for which protocols,
 * which marks they need and who sets them, MSS clamping. Everything else stays as the rule's text.
 */
import type { PortRange } from '../mape/port-set.js';
import type { Evidence } from './evidence.js';

export type { PortRange };

export interface NftPriority {
  /** As written: `srcnat`, `mangle`, `-150`, `filter + 10`. */
  raw: string;
  /** Numeric value where known (nft's standard names for the ip/ip6/inet families). */
  value: number | null;
}

export interface NftTable {
  family: string;
  name: string;
  chains: NftChain[];
  evidence: Evidence;
}

export interface NftChain {
  family: string;
  table: string;
  name: string;
  /** Base chains: `filter`, `nat`, `route`; null for regular chains (reached by jump/goto). */
  type: string | null;
  hook: string | null;
  priority: NftPriority | null;
  policy: string | null;
  rules: NftRule[];
  evidence: Evidence;
}

/** What a rule matches on (null = not matched, so anything passes). */
export interface NftMatch {
  oifname: string[] | null;
  oifnameNegated: boolean;
  iifname: string[] | null;
  /** Layer-4 protocols the rule is limited to (`meta l4proto { tcp, udp }`, `ip protocol tcp`, `tcp dport …`). */
  l4proto: string[] | null;
  l4protoNegated: boolean;
  /** `meta mark 0x10` (as numbers); null when the rule does not match a mark. */
  mark: number[] | null;
  markNegated: boolean;
  /** A mark match we could not read (`meta mark & 0xff == 0x10`): treat the rule's reachability as unknown. */
  markComplex: boolean;
  saddr: string | null;
  ctStateNew: boolean;
}

export interface NumgenSpec {
  mode: string;
  mod: number;
  offset: number;
}

export interface SnatStatement {
  kind: 'snat' | 'masquerade';
  /** Target IPv4 (null for masquerade or an unreadable target). */
  address: string | null;
  /** Ports the statement can produce; null when it leaves the port unconstrained (no `:port`). */
  ports: PortRange[] | null;
  portForm: 'none' | 'single' | 'range' | 'numgen-map' | 'unknown';
  numgen: NumgenSpec | null;
  /**
   * Map entries whose range value is listed back broken, e.g. `0 : 7216-0` (nft 1.0.6 lists a numgen map with
   * port *ranges* as values this way, ipoe-domain.md §5.3b). Non-empty means the rule cannot be trusted.
   */
  brokenMapEntries: string[];
  persistent: boolean;
  random: boolean;
  fullyRandom: boolean;
}

/** A SNAT/masquerade statement before its target, ports and flags are read. */
export function snatStatement(kind: SnatStatement['kind'], address: string | null = null): SnatStatement {
  return { kind, address, ports: null, portForm: 'none', numgen: null, brokenMapEntries: [], persistent: false, random: false, fullyRandom: false };
}

export interface MarkSetStatement {
  kind: 'mark-set';
  /** `meta mark set` or `ct mark set`. */
  target: 'meta' | 'ct';
  /** A constant mark, or null when numgen / an expression sets it. */
  value: number | null;
  numgen: NumgenSpec | null;
}

export interface MssStatement {
  kind: 'mss-clamp';
  /** `tcp option maxseg size set rt mtu` → `rt-mtu`, or the fixed size (`set 1420`). */
  value: 'rt-mtu' | number | null;
}

export interface VerdictStatement {
  kind: 'verdict';
  verdict: string;
  target: string | null;
}

export type NftStatement = SnatStatement | MarkSetStatement | MssStatement | VerdictStatement;

export interface NftRule {
  family: string;
  table: string;
  chain: string;
  handle: number | null;
  comment: string | null;
  /** The rule as listed (text input) or rendered from its expressions (JSON input). */
  text: string;
  match: NftMatch;
  statements: NftStatement[];
  evidence: Evidence;
}

export interface NftResult {
  tables: NftTable[];
  /** Convenience: every rule of every chain, in listing order. */
  rules: NftRule[];
  /** Lines (text) or array indexes (JSON) that were not understood. */
  unrecognised: number[];
}

export function emptyMatch(): NftMatch {
  return {
    oifname: null,
    oifnameNegated: false,
    iifname: null,
    l4proto: null,
    l4protoNegated: false,
    mark: null,
    markNegated: false,
    markComplex: false,
    saddr: null,
    ctStateNew: false,
  };
}

/** nft's standard priority names for ip/ip6/inet (nft(8), "PRIORITY"). */
const PRIORITY_NAMES: Record<string, number> = { raw: -300, mangle: -150, dstnat: -100, filter: 0, security: 50, srcnat: 100 };

export function priorityOf(raw: string): NftPriority {
  const t = raw.trim();
  const m = /^(-?\d{1,6}|[a-z]{1,10})(?:\s*([+-])\s*(\d{1,6}))?$/.exec(t);
  if (!m) return { raw: t, value: null };
  const base = /^-?\d/.test(m[1]!) ? Number(m[1]) : PRIORITY_NAMES[m[1]!];
  if (base === undefined) return { raw: t, value: null };
  const delta = m[3] ? Number(m[3]) * (m[2] === '-' ? -1 : 1) : 0;
  return { raw: t, value: base + delta };
}

export function snatStatements(rule: NftRule): SnatStatement[] {
  return rule.statements.filter((s): s is SnatStatement => s.kind === 'snat' || s.kind === 'masquerade');
}
