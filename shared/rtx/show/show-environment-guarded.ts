/**
 * `show environment` through the existing parser (shared/rtx/show-environment.ts, kept as it is), with
 * its input made safe first: that parser's `^\s*#?\s*…` and `(.+?)\s*$` patterns backtrack quadratically
 * on long runs of whitespace (10 MB of spaces takes minutes). No real line has a run longer than a few
 * spaces, so runs are capped at 16 characters; line count and line numbers stay the same, and lines
 * exactly 80 characters long (the console's wrap) are left alone.
 */
import { parseShowEnvironment as parseUnguarded, type EnvironmentFacts } from '../show-environment.js';
import { splitLines, stripAnsi } from '../text.js';

const MAX_RUN = 16;

function capWhitespaceRuns(line: string): string {
  if (line.length === 80) return line;
  let out = '';
  let run = 0;
  let from = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    run = c === 32 || c === 9 ? run + 1 : 0;
    if (run > MAX_RUN) {
      out += line.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? line : out + line.slice(from);
}

export function parseShowEnvironment(output: string, columns = 80): EnvironmentFacts {
  return parseUnguarded(splitLines(output).map((l) => capWhitespaceRuns(stripAnsi(l))).join('\n'), columns);
}
