/**
 * Run any RTX parser on untrusted text without letting an exception escape, and turn what went wrong into
 * a sentence the user can act on. Inputs over 10 MB are cut (at a line end) rather than parsed slowly:
 * no router output is that large, so the excess is a wrong file or a runaway capture.
 */

/** 10 MB, counted in UTF-16 code units (the string length), which is what parsing time depends on. */
export const MAX_INPUT_CHARS = 10 * 1024 * 1024;

export type SafeParseResult<T> =
  | {
      ok: true;
      value: T;
      /** True when the input was cut to `MAX_INPUT_CHARS`. */
      truncated: boolean;
      /** Something the user should know (truncation, undecodable characters, unrecognised output), or null. */
      message: string | null;
    }
  | { ok: false; message: string };

export interface SafeParseOptions {
  /** What the text is, for messages: `the output of "show status ipip"`. */
  what?: string;
  maxChars?: number;
}

function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function safeParse<T>(fn: (text: string) => T, text: unknown, options: SafeParseOptions = {}): SafeParseResult<T> {
  const what = options.what ?? 'the text';
  const max = options.maxChars ?? MAX_INPUT_CHARS;
  if (typeof text !== 'string') return { ok: false, message: `Nothing to read: ${what} is empty or not text.` };
  const notes: string[] = [];
  let input = text;
  let truncated = false;
  if (input.length > max) {
    const cut = input.lastIndexOf('\n', max);
    input = input.slice(0, cut > 0 ? cut : max);
    truncated = true;
    const mb = Math.round(max / (1024 * 1024));
    notes.push(`${what} is larger than ${mb} MB, so only its first ${mb} MB were read. Paste only the output of one command.`);
  }
  if (input.includes('\uFFFD')) {
    notes.push(`${what} contains characters that could not be decoded (mixed or wrong character sets); some lines may be misread.`);
  }
  let value: T;
  try {
    value = fn(input);
  } catch (err) {
    return {
      ok: false,
      message: `Could not read ${what} (${describeError(err)}). The text may be damaged or not the output this step expects.`,
    };
  }
  if (typeof value === 'object' && value !== null && 'recognized' in value && value.recognized === false) {
    const command = 'command' in value && typeof value.command === 'string' ? `"${value.command}"` : 'this command';
    notes.push(`Nothing in ${what} looks like the output of ${command}.`);
  }
  return { ok: true, value, truncated, message: notes.length > 0 ? notes.join(' ') : null };
}
