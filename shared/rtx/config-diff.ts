/**
 * Comparing RTX configs as `show config` (the config in force) and `show config 0` (the saved CONFIG0) print them:
 * the body without the comment header (model, memory, the reporting date), so two reads of the same config are
 * equal and a difference is a change of settings.
 */

/** The config's lines without the `# …` header the router prints above them, trailing blanks trimmed. */
export function configBody(showConfigOutput: string): string {
  const lines = showConfigOutput.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd());
  let start = 0;
  while (start < lines.length && (lines[start]!.startsWith('#') || lines[start] === '')) start++;
  return lines.slice(start).join('\n').trim();
}

export function sameConfig(a: string, b: string): boolean {
  return configBody(a) === configBody(b);
}

export interface ConfigChanges {
  /** Lines in `to` and not in `from`, each with the block it is in (`tunnel select 1: tunnel enable 1`). */
  added: string[];
  removed: string[];
}

/**
 * What changed from one config to the other, line by line. A line inside a `tunnel select N` block (indented by
 * one space, as `show config` prints it) is named with its block, so the same line in another tunnel is another
 * line; an `embedded file` is one item, its text included.
 */
export function configChanges(from: string, to: string): ConfigChanges {
  const a = qualifiedLines(configBody(from));
  const b = qualifiedLines(configBody(to));
  return { added: minus(b, a), removed: minus(a, b) };
}

export function hasChanges(c: ConfigChanges): boolean {
  return c.added.length > 0 || c.removed.length > 0;
}

function qualifiedLines(body: string): string[] {
  const out: string[] = [];
  let block: string | null = null;
  let heredoc: { terminator: string; lines: string[] } | null = null;
  for (const line of body.split('\n')) {
    if (heredoc) {
      heredoc.lines.push(line);
      if (line.trim() === heredoc.terminator) {
        out.push(heredoc.lines.join('\n'));
        heredoc = null;
      }
      continue;
    }
    const doc = /^embedded\s+file\s+\S+?\s*<<\s*["']?([^"'\s]+)["']?$/.exec(line.trim());
    if (doc) {
      heredoc = { terminator: doc[1]!, lines: [line.trim()] };
      block = null;
      continue;
    }
    if (line.trim() === '') continue;
    if (/^\s/.test(line) && block) {
      out.push(`${block}: ${line.trim()}`);
      continue;
    }
    // `tunnel select N` / `pp select N` open a block whose lines are indented by one space.
    block = /^(?:tunnel|pp) select \S+$/.test(line) ? line.trim() : null;
    if (block === null) out.push(line.trim());
  }
  if (heredoc) out.push(heredoc.lines.join('\n'));
  return out;
}

/** Lines of `a` not in `b`, counting repeats (a line twice in `a` and once in `b` is one left over). */
function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const l of b) left.set(l, (left.get(l) ?? 0) + 1);
  const out: string[] = [];
  for (const l of a) {
    const n = left.get(l) ?? 0;
    if (n > 0) left.set(l, n - 1);
    else out.push(l);
  }
  return out;
}
