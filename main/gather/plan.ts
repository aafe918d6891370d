import type { Rule } from '../../shared/diagnosis/rule.js';
import type { DiagnosisContext } from '../../shared/diagnosis/context.js';
import { canonicalCommand } from '../../shared/diagnosis/input.js';
import { needApplies, type Need, type Read } from '../../shared/diagnosis/read.js';

export interface GatherStep {
  /** What is typed, as typed (a grep pattern keeps its case). */
  command: string;
  /** `show config` needs administrator mode on RTX. */
  needsAdmin: boolean;
  /** Typical output size, for the ETA at line speed before the real size is known. */
  expectBytes: number;
  /** Read page by page and stop at the pager once this holds for the lines read so far. */
  stopWhen?: (lines: readonly string[]) => boolean;
  /** Lines per page for such a read: about what is expected before it can stop. */
  pageLines?: number;
  /** A `| grep` read: what to read instead when the console refuses the pipe. */
  withoutGrep?: GatherStep;
}

/** Typical sizes measured on the twin and public captures; only used for the ETA. */
const TYPICAL_BYTES: Record<string, number> = {
  'show config': 3500,
  'show environment': 650,
  'show status ipip': 520,
  'show status ipv6 dhcp': 600,
  'show ipv6 address': 700,
  'show ip route': 300,
  'show ipv6 route': 500,
  'show nat descriptor address': 600,
  'show log': 2500,
};
/** A grep'd read returns a few matching lines; a read stopped at the pager about a page. */
const NARROWED_BYTES = 500;
const PAGE_BYTES = 1200;
const ADMIN_ONLY = new Set(['show config']);
/** Page size of a grep'd read that may stop early (the same as the NAT head's, so the pager is set once). */
const GREP_PAGE_LINES = 10;
/** The newest-first form of a command, where the console has one. */
const REVERSED: Record<string, string> = { 'show log': 'show log reverse' };

/** What the first reads told us, to fill per-case commands (`{tunnel}`, `{br}`, `{aftr}`) and narrowed reads' placeholders. */
export interface PlanFacts {
  /** Tunnels whose status the rules look at: the one carrying IPv4, and every IPIP one. */
  tunnels: number[];
  br: string | null;
  /** DS-Lite AFTR names to ask the router to resolve (`ping6 -c 1 {aftr}`: a router with no tunnel and no known service). */
  aftrNames?: readonly string[];
  /** `{aftrName}`, `{natDescriptor}` …: null when the facts have no value for it. */
  values?: Readonly<Record<string, string | null>>;
  /** The context of what was read so far: decides each read's `when`. */
  ctx?: DiagnosisContext;
}

/** What the console offers (shared/rtx/console-features.ts, less what it refused this session). */
export interface PlanOptions {
  grep: boolean;
}

const PLACEHOLDER = /\{(\w+)\}/g;

function fill(text: string, facts: PlanFacts | null): string | null {
  let missing = false;
  const out = text.replace(PLACEHOLDER, (_, name: string) => {
    const v = facts?.values?.[name] ?? null;
    if (v === null || v === '') missing = true;
    return v ?? '';
  });
  return missing ? null : out;
}

function hasPlaceholder(text: string): boolean {
  return /\{\w+\}/.test(text);
}

/** A grep pattern as typed: quoted when it holds a blank. Characters the RTX console treats specially are refused. */
export function grepArgument(pattern: string): string {
  if (/["'#?\\|]/.test(pattern) || pattern.trim() === '') throw new Error(`not a plain grep pattern: ${pattern}`);
  return /\s/.test(pattern) ? `"${pattern}"` : pattern;
}

function size(command: string): number {
  return TYPICAL_BYTES[command] ?? (command.startsWith('ping') ? 400 : command.startsWith('show status tunnel') ? 450 : 800);
}

/** A read whose lines and scope are filled in. */
interface Narrowed {
  read: Read;
  lines: string[];
  scoped: string | null;
}

/** Lines of `lines` that hold one of `patterns` (case-insensitively: the router's grep may be looser). */
function matching(lines: readonly string[], patterns: readonly string[]): string[] {
  const p = patterns.map((x) => x.toLowerCase());
  return lines.filter((l) => p.some((x) => l.toLowerCase().includes(x)));
}

/** Stop when every reader has what it needs from its own lines; never when one reads to the end. */
function allEnough(readers: readonly Narrowed[]): GatherStep['stopWhen'] {
  if (readers.length === 0 || readers.some((r) => !r.read.enough)) return undefined;
  return (lines) => readers.every((r) => r.read.enough!(r.lines.length ? matching(lines, r.lines) : lines));
}

/** The reads of one command whose readers all want only part of it. */
function narrowedSteps(base: string, readers: Narrowed[], opts: PlanOptions): GatherStep[] {
  const steps: GatherStep[] = [];
  // Scoped instances (`show nat descriptor address 1`), each stopped once its readers have enough.
  const scopes = new Map<string, Narrowed[]>();
  for (const r of readers.filter((x) => x.scoped !== null)) scopes.set(r.scoped!, [...(scopes.get(r.scoped!) ?? []), r]);
  for (const [command, rs] of scopes) {
    const stopWhen = allEnough(rs);
    const pageLines = Math.max(...rs.map((r) => r.read.pageLines ?? 0)) || undefined;
    steps.push({
      command,
      needsAdmin: ADMIN_ONLY.has(base),
      expectBytes: stopWhen ? PAGE_BYTES : size(base),
      ...(stopWhen ? { stopWhen, ...(pageLines ? { pageLines } : {}) } : {}),
    });
  }
  const lined = readers.filter((x) => x.scoped === null);
  if (lined.length === 0) return steps;
  const newestFirst = lined.every((r) => r.read.newestFirst) && REVERSED[base] !== undefined;
  const head = newestFirst ? REVERSED[base]! : base;
  // Without grep: one read of the whole output, newest first, stopped once every reader has enough.
  const combinedStop = allEnough(lined);
  const whole: GatherStep = {
    command: head,
    needsAdmin: ADMIN_ONLY.has(base),
    expectBytes: size(base),
    ...(combinedStop && newestFirst ? { stopWhen: combinedStop } : {}),
  };
  if (!opts.grep) return [...steps, whole];
  // With grep: one read per pattern, each stopped once the readers of that pattern have enough.
  const byPattern = new Map<string, Narrowed[]>();
  for (const r of lined) for (const p of r.lines) byPattern.set(p, [...(byPattern.get(p) ?? []), r]);
  for (const [pattern, rs] of byPattern) {
    const stopWhen = newestFirst && rs.every((r) => r.lines.length === 1) ? allEnough(rs) : undefined;
    steps.push({
      command: `${head} | grep ${grepArgument(pattern)}`,
      needsAdmin: ADMIN_ONLY.has(base),
      expectBytes: NARROWED_BYTES,
      // Only matching lines come: a small page usually holds them all, and stops a flood of them early.
      ...(stopWhen ? { stopWhen, pageLines: GREP_PAGE_LINES } : {}),
      withoutGrep: whole,
    });
  }
  return steps;
}

/**
 * The smallest reads that answer every rule for this platform and model. Each command is read once: whole when
 * a rule needs all of it, else narrowed (read.ts) as far as the console allows: `| grep` for the lines that
 * matter, newest first and stopped at the pager once the rules have enough, one scoped instance. Per-case
 * commands and placeholders fill from what the first reads revealed (`facts`); a need with nothing to fill, or
 * whose `when` says it cannot matter, is dropped. `show config` comes first (it decides the rest), then the
 * cheapest, so results flow in early; reads that page come last (they leave administrator mode).
 */
export function planGather(rules: readonly Rule[], facts: PlanFacts | null, opts: PlanOptions = { grep: true }): GatherStep[] {
  const whole = new Set<string>();
  const narrowed = new Map<string, Narrowed[]>();
  const want = (need: Need): void => {
    if (typeof need === 'string') {
      if (need.includes('{tunnel}')) for (const t of facts?.tunnels ?? []) whole.add(canonicalCommand(need.replaceAll('{tunnel}', String(t))));
      else if (need.includes('{br}')) {
        if (facts?.br) whole.add(canonicalCommand(need.replaceAll('{br}', facts.br)));
      } else if (need.includes('{aftr}')) {
        for (const name of facts?.aftrNames ?? []) whole.add(canonicalCommand(need.replaceAll('{aftr}', name)));
      } else whole.add(canonicalCommand(need));
      return;
    }
    const base = canonicalCommand(need.command);
    const deferred = need.when !== undefined || [...(need.lines ?? []), need.scoped ?? ''].some(hasPlaceholder);
    // Before the first reads, a read that depends on them waits for the second pass.
    if (deferred && !facts) return;
    if (facts?.ctx && !needApplies(need, facts.ctx)) return;
    if (!need.lines && !need.scoped) {
      whole.add(base);
      return;
    }
    const lines = (need.lines ?? []).map((l) => fill(l, facts));
    if (lines.some((l) => l === null)) return;
    // `{tunnel}` is one scoped read per tunnel the rules look at; other placeholders have one value.
    const scopes = need.scoped?.includes('{tunnel}') ? (facts?.tunnels ?? []).map((t) => need.scoped!.replaceAll('{tunnel}', String(t))) : need.scoped ? [fill(need.scoped, facts)] : [null];
    for (const scoped of scopes) {
      if (need.scoped && scoped === null) continue;
      narrowed.set(base, [...(narrowed.get(base) ?? []), { read: need, lines: lines as string[], scoped: scoped === null ? null : canonicalCommand(scoped) }]);
    }
  };
  for (const rule of rules) for (const need of rule.needs.rtx ?? []) want(need);

  const steps: GatherStep[] = [...whole].map((command) => ({ command, needsAdmin: ADMIN_ONLY.has(command), expectBytes: size(command) }));
  for (const [base, readers] of narrowed) {
    // A rule that needs the whole output makes narrowed reads of it pointless.
    if (!whole.has(base)) steps.push(...narrowedSteps(base, readers, opts));
  }
  const unique = [...new Map(steps.map((s) => [canonicalCommand(s.command), s])).values()];
  const rank = (s: GatherStep): number => (s.command === 'show config' ? 0 : s.stopWhen || s.withoutGrep?.stopWhen ? 2 : 1);
  unique.sort((a, b) => rank(a) - rank(b) || a.expectBytes - b.expectBytes);
  return unique;
}
