/**
 * Linux / VyOS facts for the diagnosis rules, parsed lazily from the outputs in the DiagnosisInput.
 *
 * The parsing itself lives in shared/linux (parseCommandOutput, summariseCe); this file decides which outputs
 * count, how complete each listing is (a rule may only conclude "X is missing" from a listing that would have
 * shown X), reads `ping` summaries, and turns shared/linux evidence into diagnosis Evidence numbered in the
 * user's own text. Nothing here throws: garbage becomes a note in ctx.notes and the fact stays unknown.
 */
import type { OutputSource } from '../source.js';
import { canonicalCommand, type CommandOutput, type DiagnosisInput } from '../input.js';
import type { Evidence } from '../parts.js';
import { classifyCommand, normaliseCommand } from '../../linux/commands.js';
import type { Evidence as LinuxEvidence } from '../../linux/evidence.js';
import { summariseCe, type CeFacts, type CeTunnel } from '../../linux/facts.js';
import { parseCommandOutput, type ParsedOutput } from '../../linux/parse.js';
import { cleanLines } from '../../linux/text.js';
import { parseTranscript } from '../../linux/transcript.js';

/** A `ping` run found in the outputs (BR_UNREACHABLE reads the IPv6 ones). */
export interface PingResult {
  target: string;
  family: 4 | 6;
  transmitted: number;
  received: number;
  /** `connect: Network is unreachable` and the like: nothing was sent at all. */
  error: string | null;
  evidence: Evidence;
}

/** How complete the listings are: "missing" may only be concluded from a listing that would have shown it. */
export interface LinuxCoverage {
  /** An address listing of every interface (`ip -6 addr`, `ip a`, not `ip addr show mape`). */
  addresses: boolean;
  /** An IPv4 route listing that would show the default route (`ip route`, `ip route show default`). */
  routes4: boolean;
  /** `nft list ruleset` (every table), not just `nft list table ip vyos_nat`. */
  nftRuleset: boolean;
  /** Kernel state (ip/nft output) was read, not only VyOS configuration. */
  kernel: boolean;
  /**
   * Would the VyOS configuration shown contain every line starting with `prefix` (e.g. `set nat source`)?
   * False when no configuration was shown, or it was filtered (`| grep tunnel`) by something else.
   */
  vyosCovers(prefix: string): boolean;
}

export interface LinuxFacts {
  /** Every Linux/VyOS output that could be read. */
  readonly parsed: readonly ParsedOutput[];
  /** The CE summary; undefined when no Linux output was read at all. */
  readonly ce: CeFacts | undefined;
  /**
   * Configured IPv4-over-IPv6 tunnels (ip6tnl ip4ip6/any, VyOS ipip6), without the kernel's fallback `ip6tnl0`;
   * undefined when no output said anything about tunnels.
   */
  readonly tunnels: CeTunnel[] | undefined;
  readonly coverage: LinuxCoverage;
  readonly pings: readonly PingResult[];
  /** shared/linux evidence → diagnosis evidence (line numbers in the user's own text, with the excerpt). */
  evidence(e: LinuxEvidence | readonly LinuxEvidence[]): Evidence[];
  /** True when a fact is known only from VyOS `set` configuration: fixes should then be VyOS commands. */
  fromVyos(e: readonly LinuxEvidence[]): boolean;
}

/** Parser labels for outputs that arrived without a command (a bare paste). */
const NO_COMMAND = '(pasted output)';
/** The label of the `set` lines typed in VyOS configuration mode, gathered from a transcript. */
export const TYPED_SET = '(set commands typed in configuration mode)';

export function createLinuxFacts(ctx: OutputSource): LinuxFacts {
  // The last output of each command wins, exactly as ctx.output() does, so evidence and facts agree.
  const byLabel = new Map<string, CommandOutput>();
  for (const o of ctx.input.outputs) {
    if (o.status !== 'ok') continue;
    byLabel.set(canonicalCommand(o.command) || NO_COMMAND, o);
  }
  let parsed: ParsedOutput[] | undefined;
  let ce: CeFacts | undefined | null;
  let pings: PingResult[] | undefined;
  let coverage: LinuxCoverage | undefined;

  // Outputs are parsed with their own first line, so shared/linux evidence carries line numbers in the user's
  // text. A fact merged from several outputs (the same VyOS rule shown by `show configuration commands` and typed
  // at the `#` prompt) can carry lines of more than one output under one command: each line is given back to the
  // output it lies in, named by the evidence first, then any non-overlay output, then the overlay of typed lines.
  const outputs = [...byLabel.entries()];
  const lineCount = new Map<CommandOutput, number>(outputs.map(([, o]) => [o, o.output.replace(/\r\n?/g, '\n').split('\n').length]));
  const holds = (o: CommandOutput, line: number): boolean => line >= o.firstLine && line < o.firstLine + (lineCount.get(o) ?? 0);
  const ownerOf = (named: CommandOutput | undefined, line: number): CommandOutput | undefined =>
    named && holds(named, line)
      ? named
      : (outputs.find(([label, o]) => label !== TYPED_SET && holds(o, line))?.[1] ?? outputs.find(([, o]) => holds(o, line))?.[1] ?? named);
  const toEvidence = (e: LinuxEvidence): Evidence[] => {
    const named = byLabel.get(e.command);
    const groups = new Map<CommandOutput | undefined, number[]>();
    for (const line of [...new Set(e.lines ?? [])].sort((a, b) => a - b)) {
      const owner = ownerOf(named, line);
      const list = groups.get(owner);
      if (list) list.push(line);
      else groups.set(owner, [line]);
    }
    if (groups.size === 0) groups.set(named, []);
    return [...groups].map(([o, lines]) => {
      const all = o ? o.output.replace(/\r\n?/g, '\n').split('\n') : [];
      return { command: o?.command ?? e.command, lines, excerpt: lines.map((l) => (o ? (all[l - o.firstLine] ?? '') : '')) };
    });
  };

  const readAll = (): ParsedOutput[] => {
    if (parsed) return parsed;
    parsed = [];
    for (const [label, o] of byLabel) {
      if (isPing(label)) continue;
      // Commands with no Linux parser (RTX commands on a mixed input, `tcpdump`) are simply not Linux facts.
      if (label !== NO_COMMAND && classifyCommand(label) === null && !looksLikeVyosPaste(o.output)) continue;
      const outcome = parseCommandOutput(label === NO_COMMAND ? '' : label, o.output, { firstLine: o.firstLine });
      if (outcome.ok) {
        // Parsed under our label, so every piece of evidence names the output it came from.
        parsed.push(outcome.parsed);
        for (const n of outcome.notes) ctx.notes.push(n);
      } else {
        ctx.notes.push(`${o.command || NO_COMMAND}: ${outcome.message}`);
      }
    }
    return parsed;
  };

  const facts: LinuxFacts = {
    get parsed() {
      return readAll();
    },
    get ce() {
      if (ce === undefined) {
        const p = readAll();
        try {
          ce = p.length > 0 ? summariseCe(p) : null;
        } catch (err) {
          ctx.notes.push(`The Linux outputs could not be summarised (${err instanceof Error ? err.message : String(err)}).`);
          ce = null;
        }
      }
      return ce ?? undefined;
    },
    get tunnels() {
      const s = facts.ce;
      if (!s || !s.seen.some((k) => k === 'ip-link' || k === 'ip-tunnel' || k === 'vyos-config')) return undefined;
      return s.tunnels.filter(isIpv4OverIpv6);
    },
    get coverage() {
      return (coverage ??= computeCoverage([...byLabel.keys()], readAll()));
    },
    get pings() {
      if (!pings) {
        pings = [];
        for (const [label, o] of byLabel) {
          if (!isPing(label)) continue;
          const p = readPing(label, o, toEvidence);
          if (p) pings.push(p);
        }
      }
      return pings;
    },
    evidence(e) {
      const list: readonly LinuxEvidence[] = Array.isArray(e) ? e : [e as LinuxEvidence];
      return list.flatMap(toEvidence);
    },
    fromVyos(e) {
      return e.length > 0 && e.every((x) => isVyosLabel(x.command, byLabel));
    },
  };
  return facts;
}

/** ip6tnl in ip4ip6/any mode or VyOS `ipip6`; a tunnel whose mode is unknown counts when it has endpoints. */
function isIpv4OverIpv6(t: CeTunnel): boolean {
  if (t.fallback) return false;
  if (t.mode === 'ip4ip6' || t.mode === 'any') return true;
  return t.mode === null && (t.remote !== null || t.local !== null);
}

function isPing(label: string): boolean {
  const prog = normaliseCommand(label)[0];
  return prog === 'ping' || prog === 'ping6';
}

function looksLikeVyosPaste(output: string): boolean {
  return /^\s*set\s+(?:interfaces|nat|protocols|firewall|system)\s/m.test(output.slice(0, 4096));
}

function isVyosLabel(label: string, byLabel: Map<string, CommandOutput>): boolean {
  if (/^show configuration commands\b|^\(set commands/.test(label)) return true;
  const o = byLabel.get(label);
  return label === NO_COMMAND && o !== undefined && looksLikeVyosPaste(o.output);
}

/** Words after the object in an `ip` command (`ip -6 addr show dev eth1` → ['show', 'dev', 'eth1']). */
function ipArgs(label: string): string[] {
  const w = normaliseCommand(label).slice(1);
  let i = 0;
  while (i < w.length && w[i]!.startsWith('-')) i += /^-(f|family|n|netns)$/.test(w[i]!) ? 2 : 1;
  return w.slice(i + 1);
}

const ADDR_LISTING_ARGS = /^(show|list|ls|lst|up|scope|global|link|host|dynamic|permanent|primary|secondary|tentative|deprecated|dadfailed|temporary)$/;
const ROUTE4_LISTING_ARGS = /^(show|list|ls|lst|default|0\/0|0\.0\.0\.0\/0|table|main|all|exact)$/;

function computeCoverage(labels: string[], parsed: ParsedOutput[]): LinuxCoverage {
  let addresses = false;
  let routes4 = false;
  let nftRuleset = false;
  let kernel = false;
  const vyosFilters: (string[][] | null)[] = [];
  for (const label of labels) {
    const piped = label.includes('|');
    const info = classifyCommand(label);
    const p = parsed.find((x) => x.command === label);
    if (!p) continue;
    if (p.kind === 'vyos-config') {
      // The `set` lines typed at a `#` prompt are a fragment, never the whole configuration.
      vyosFilters.push(label.startsWith('(set commands') ? [['\u0000never']] : vyosFilter(label));
      continue;
    }
    kernel = true;
    if (piped) continue;
    const args = ipArgs(label);
    if (p.kind === 'ip-addr' && info?.kind === 'ip-addr' && args.every((a) => ADDR_LISTING_ARGS.test(a))) addresses = true;
    if (p.kind === 'ip-route' && info?.kind === 'ip-route' && info.family !== 'inet6' && args.every((a) => ROUTE4_LISTING_ARGS.test(a))) routes4 = true;
    if (p.kind === 'nft' && /\blist ruleset\b/.test(label)) nftRuleset = true;
  }
  return {
    addresses,
    routes4,
    nftRuleset,
    kernel,
    vyosCovers(prefix: string) {
      const line = prefix.toLowerCase();
      // Covered when some shown configuration's every filter lets lines starting with `prefix` through.
      return vyosFilters.some((f) => f === null || f.every((alternatives) => alternatives.some((a) => line.includes(a))));
    },
  };
}

/**
 * `show configuration commands | grep nat | no-more` → [['nat']]; `| grep -E 'nat|tunnel'` → [['nat','tunnel']].
 * null = unfiltered. A filter we cannot read as plain words covers nothing.
 */
function vyosFilter(label: string): string[][] | null {
  const segments = label.split('|').slice(1);
  if (segments.length === 0) return null;
  const filters: string[][] = [];
  // Re-join `grep -E 'a|b'` segments split on the pipe inside the quotes.
  const joined: string[] = [];
  for (const s of segments) {
    const last = joined[joined.length - 1];
    if (last !== undefined && (last.split("'").length % 2 === 0 || last.split('"').length % 2 === 0)) joined[joined.length - 1] = `${last}|${s}`;
    else joined.push(s);
  }
  for (const seg of joined) {
    const w = seg.trim().split(/\s+/);
    const prog = w[0];
    if (prog === 'no-more' || prog === 'cat' || prog === 'less' || prog === 'more' || prog === 'strip-private' || prog === 'commands') continue;
    if (prog !== 'grep' && prog !== 'match' && prog !== 'egrep') return [['\u0000never']];
    const pattern = w
      .slice(1)
      .filter((x) => !x.startsWith('-'))
      .join(' ')
      .replace(/^['"]|['"]$/g, '');
    const alternatives = pattern.split('|').map((a) => a.trim().toLowerCase());
    if (alternatives.some((a) => a === '' || /[\\^$.*+?()[\]{}]/.test(a))) return [['\u0000never']];
    filters.push(alternatives);
  }
  return filters;
}

const PING_OPTIONS_WITH_ARGUMENT = new Set(['-c', '-i', '-I', '-W', '-w', '-s', '-t', '-l', '-p', '-Q', '-S', '-M', '-m']);

function readPing(label: string, o: CommandOutput, toEvidence: (e: LinuxEvidence) => Evidence[]): PingResult | null {
  const w = normaliseCommand(label);
  let target: string | null = null;
  let six = w[0] === 'ping6';
  for (let i = 1; i < w.length; i++) {
    const x = w[i]!;
    if (x === '-6') six = true;
    else if (PING_OPTIONS_WITH_ARGUMENT.has(x)) i++;
    else if (!x.startsWith('-')) target = x;
  }
  if (target === null) return null;
  if (target.includes(':')) six = true;
  let transmitted: number | null = null;
  let received: number | null = null;
  let error: string | null = null;
  const lines: number[] = [];
  for (const { line, text } of cleanLines(o.output, o.firstLine)) {
    const m = /(\d{1,9}) packets transmitted, (\d{1,9}) (?:packets )?received/.exec(text);
    if (m) {
      transmitted = Number(m[1]);
      received = Number(m[2]);
      lines.push(line);
      continue;
    }
    if (/unreachable|cannot assign requested address|unknown host|name or service not known|bad address/i.test(text) && error === null) {
      error = text.trim();
      lines.push(line);
    }
  }
  if (transmitted === null && error === null) return null;
  return {
    target,
    family: six ? 6 : 4,
    transmitted: transmitted ?? 0,
    received: received ?? 0,
    error,
    evidence: toEvidence({ command: label, lines })[0]!,
  };
}

/** First line of an output that says the command itself failed (not installed, not root, no such device). */
const FAILED = /command not found|not permitted|permission denied|^error:|does not exist|cannot find device|invalid command|^usage:/i;

/**
 * A pasted Linux/VyOS terminal session → DiagnosisInput outputs, line numbers in the pasted text.
 * `set …` lines typed at a VyOS `#` prompt become one more output (`(set commands typed in configuration mode)`).
 */
export function linuxTranscriptOutputs(text: string): CommandOutput[] {
  const t = parseTranscript(text);
  const out: CommandOutput[] = [];
  for (const b of t.blocks) {
    if (b.command === '' && b.outcome === null) continue;
    // Configuration-mode commands print nothing worth reading; the typed `set` lines are gathered below.
    if (/^(set|delete|commit|save|configure|exit|compare)\b/.test(b.command)) continue;
    const first = b.output.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
    const failed = FAILED.test(first);
    out.push({
      command: b.command || NO_COMMAND,
      output: b.output,
      firstLine: b.outputStartLine,
      status: failed ? 'error' : 'ok',
      ...(failed ? { errorText: first } : {}),
    });
  }
  // `set …` typed at a VyOS `#` prompt is configuration too (field report 003). Gather those lines into a text
  // with every other line blank, so its line numbers are the transcript's own (firstLine 1).
  const typed = new Map<number, string>();
  for (const b of t.blocks) if (b.prompt.endsWith('#') && /^set\s/.test(b.command)) typed.set(b.startLine, b.command);
  if (typed.size > 0) {
    const total = cleanLines(text).length;
    const lines: string[] = [];
    for (let n = 1; n <= total; n++) lines.push(typed.get(n) ?? '');
    out.push({ command: TYPED_SET, output: lines.join('\n'), firstLine: 1, status: 'ok' });
  }
  return out;
}

/** A DiagnosisInput from a pasted Linux/VyOS session. */
export function linuxTranscriptInput(text: string, extra: Partial<Omit<DiagnosisInput, 'platform' | 'source' | 'outputs'>> = {}): DiagnosisInput {
  return { platform: 'linux', source: 'transcript', outputs: linuxTranscriptOutputs(text), ...extra };
}
