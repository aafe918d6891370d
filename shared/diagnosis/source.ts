/**
 * The outputs a diagnosis reads, indexed once: what the facts parsers (rtx/facts.ts, linux/facts.ts) and every
 * detector start from. The last output of a command wins: a transcript may hold it twice, the later run
 * reflects the latest state.
 */
import { baseCommand } from './command-variants.js';
import { canonicalCommand, type CommandOutput, type DiagnosisInput } from './input.js';
import type { Evidence } from './parts.js';

export interface OutputSource {
  input: DiagnosisInput;
  device: { model: string; firmware: string } | null;
  /** Things the engine could not do (a parser refused garbage, a rule failed); shown, never hidden. */
  notes: string[];
  /** The output of a command that ran fine, or undefined (not gathered, unsupported, failed): unknown. */
  output(command: string): CommandOutput | undefined;
  /** Every output of a command that ran fine, oldest first (a pasted transcript may hold several). */
  outputsOf(command: string): CommandOutput[];
  /**
   * The latest output of this whole command and of each of its narrowed reads, in input order (`show log reverse
   * | grep …`, `show nat descriptor address 1`; command-variants.ts).
   */
  readsOf(base: string): CommandOutput[];
  /** Evidence for lines (1-based) of a command's output, renumbered into the user's own text. */
  evidence(command: string, lines: readonly number[]): Evidence;
  /** Evidence for lines (1-based) of one particular output (an earlier block of the same command). */
  evidenceIn(output: CommandOutput, lines: readonly number[]): Evidence;
}

export function createSource(input: DiagnosisInput): OutputSource {
  const byCommand = new Map<string, CommandOutput>();
  const allOf = new Map<string, CommandOutput[]>();
  for (const o of input.outputs) {
    if (o.status !== 'ok') continue;
    const key = canonicalCommand(o.command);
    byCommand.set(key, o);
    allOf.set(key, [...(allOf.get(key) ?? []), o]);
  }
  const evidenceOf = (o: CommandOutput | undefined, command: string, lines: readonly number[]): Evidence => {
    const all = o ? o.output.replace(/\r\n?/g, '\n').split('\n') : [];
    const sorted = [...new Set(lines)].sort((a, b) => a - b);
    return {
      command: o?.command ?? canonicalCommand(command),
      lines: sorted.map((l) => (o ? o.firstLine + l - 1 : l)),
      excerpt: sorted.map((l) => all[l - 1] ?? ''),
    };
  };
  return {
    input,
    device: input.device ?? null,
    notes: [],
    output: (command) => byCommand.get(canonicalCommand(command)),
    outputsOf: (command) => allOf.get(canonicalCommand(command)) ?? [],
    readsOf(base) {
      const want = canonicalCommand(base);
      // Narrowed reads are RTX console forms; elsewhere (VyOS' own `| match`) only the command itself counts.
      if (input.platform !== 'rtx') return byCommand.has(want) ? [byCommand.get(want)!] : [];
      return [...byCommand.values()].filter((o) => baseCommand(o.command) === want);
    },
    evidence: (command, lines) => evidenceOf(byCommand.get(canonicalCommand(command)), command, lines),
    evidenceIn: (o, lines) => evidenceOf(o, o.command, lines),
  };
}

/** Evidence lists with the same command merged into one entry (lines in order, each once), first-seen order kept. */
export function mergeEvidence(list: readonly Evidence[]): Evidence[] {
  const byCommand = new Map<string, Map<number, string>>();
  for (const e of list) {
    const lines = byCommand.get(e.command) ?? new Map<number, string>();
    e.lines.forEach((l, i) => lines.set(l, e.excerpt[i] ?? ''));
    byCommand.set(e.command, lines);
  }
  return [...byCommand].map(([command, lines]) => {
    const sorted = [...lines.keys()].sort((a, b) => a - b);
    return { command, lines: sorted, excerpt: sorted.map((l) => lines.get(l) ?? '') };
  });
}
