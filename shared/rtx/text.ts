/**
 * Cleaning of raw console text shared by every RTX parser: line ends, ANSI escapes, pager prompts.
 * Everything here is linear in the input length (the parsers are fed up to 10 MB of pasted text).
 */
import type { NumberedLine } from './console-lines.js';

// CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`) and two-byte escapes. The classes are disjoint, so a
// failed match never backtracks over more than the run of parameter bytes it started on.
// An OSC never crosses a line end here, so stripping a whole text keeps its line numbers.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\r\n]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]/g;
// Other C0 controls (BEL, backspaces after a pager prompt, NUL padding) carry no text; TAB is kept.
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
// The pager prompt a console without `console lines infinity` prints between pages.
const PAGER = /---[ \t]*(?:つづく|more|More|MORE)[ \t]*---/g;

const NEEDS_STRIP = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x9b]/;

/** Remove ANSI escape sequences and stray control characters (CR and LF are kept). */
export function stripAnsi(text: string): string {
  // One scan decides; most console text has no escapes at all.
  return NEEDS_STRIP.test(text) ? text.replace(ANSI, '').replace(CONTROLS, '') : text;
}

/** Remove the pager prompt, which only appears when `console lines` was not set to infinity. */
function stripPager(text: string): string {
  return text.includes('---') ? text.replace(PAGER, '') : text;
}

/** Split on CRLF, CR or LF. Line numbers derived from this are the 1-based numbers used as evidence. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Lines cleaned of escapes, pager prompts and trailing spaces, numbered from 1. */
export function cleanLines(output: string): NumberedLine[] {
  return splitLines(stripPager(stripAnsi(output))).map((text, i) => ({ line: i + 1, text: text.trimEnd() }));
}

/**
 * Like `cleanLines`, but a line exactly `width` characters long is continued by the next one (the
 * console wraps at `console columns`), unless `startsNew` says the next line is a record of its own (a
 * log entry that happens to be exactly `width` long). The joined line lists every physical line it spans.
 */
export function unwrappedLines(
  output: string,
  width = 80,
  startsNew: (text: string) => boolean = () => false,
): { lines: number[]; text: string }[] {
  const out: { lines: number[]; text: string }[] = [];
  let continues = false;
  for (const l of splitLines(stripPager(stripAnsi(output))).map((text, i) => ({ line: i + 1, text }))) {
    const last = out[out.length - 1];
    if (continues && last && !startsNew(l.text)) {
      last.text += l.text;
      last.lines.push(l.line);
    } else out.push({ lines: [l.line], text: l.text });
    continues = l.text.length === width;
  }
  for (const o of out) o.text = o.text.trimEnd();
  return out;
}

/** Whitespace-separated tokens (no regex backtracking risk: a single character class). */
export function tokens(text: string): string[] {
  const t = text.trim();
  return t === '' ? [] : t.split(/\s+/);
}

/** Parse a decimal integer token; `null` unless the whole token is digits (and not absurdly long). */
export function intOf(token: string | undefined): number | null {
  if (token === undefined || !/^\d{1,15}$/.test(token)) return null;
  return Number(token);
}

/**
 * The text of the given 1-based lines of `text`, for showing evidence next to a finding.
 * Missing lines (out of range) are skipped.
 */
export function mentionedLineText(text: string, lines: readonly number[]): NumberedLine[] {
  const all = splitLines(text);
  const out: NumberedLine[] = [];
  for (const n of [...new Set(lines)].sort((a, b) => a - b)) {
    const t = all[n - 1];
    if (t !== undefined) out.push({ line: n, text: stripAnsi(t).trimEnd() });
  }
  return out;
}
