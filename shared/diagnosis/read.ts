/**
 * What a detector reads of one command. A plain command string means the whole output. A `Read` says how little
 * is enough: the lines that matter, newest first with a point where reading may stop, one scoped instance of a
 * command. The gather plan (main/gather) turns it into the cheapest reads the model offers (`| grep`, `show log
 * reverse` stopped at the pager, `show nat descriptor address N`); a pasted transcript holding the whole output
 * serves the same detector unchanged.
 */
import type { DiagnosisContext } from './context.js';

export interface Read {
  /** The command whose facts the detector reads, in its whole form (`show log`, `show nat descriptor address`). */
  command: string;
  /**
   * Only lines containing one of these plain strings matter (compared literally; the router's grep may match more).
   * A `{placeholder}` (`{aftrName}`) is filled from facts already gathered.
   */
  lines?: readonly string[];
  /** The newest lines are the ones that matter: read newest first (`show log reverse`). */
  newestFirst?: boolean;
  /**
   * Reading may stop once this holds for the lines read so far (only those with `lines`, in reading order): the
   * rest is never sent (the pager's `q`). Without it, every matching line is read.
   */
  enough?: (lines: readonly string[]) => boolean;
  /** About how many lines come before `enough` can hold: the page size of such a read (a small head: a small page). */
  pageLines?: number;
  /** The scoped form to type, e.g. `show nat descriptor address {natDescriptor}`: one instance, not all of them. */
  scoped?: string;
  /**
   * Read only when the facts already at hand show it can matter (a fixed-IP update script, a DS-Lite AFTR name).
   * Evaluated on the context of what was gathered first; it must be true when those facts are unknown.
   */
  when?: (ctx: DiagnosisContext) => boolean;
}

/** A detector's need: a whole command, or a narrowed read. */
export type Need = string | Read;

export function needCommand(need: Need): string {
  return typeof need === 'string' ? need : need.command;
}

/** Whether a need applies in this context (a `when` that throws on odd facts counts as applying). */
export function needApplies(need: Need, ctx: DiagnosisContext): boolean {
  if (typeof need === 'string' || !need.when) return true;
  try {
    return need.when(ctx);
  } catch {
    return true;
  }
}

/** How docs/findings.md names a need. */
export function describeNeed(need: Need): string {
  if (typeof need === 'string') return `\`${need}\``;
  const parts: string[] = [];
  if (need.scoped) parts.push(`as \`${need.scoped}\``);
  if (need.lines) parts.push(`lines with ${need.lines.map((l) => `"${l}"`).join(' or ')}`);
  if (need.newestFirst) parts.push('newest first');
  if (need.enough) parts.push('until enough is read');
  if (need.when) parts.push('only when it can matter');
  return `\`${need.command}\`${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
