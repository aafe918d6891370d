/**
 * Cleaning and numbering pasted terminal text. Users paste from terminals, so the text may hold colour
 * escapes (`ip -c`), CRLF line ends, a BOM, stray control bytes or mojibake; the parsers want plain lines
 * whose numbers still match what the user sees.
 */

/** A line of text with its 1-based number. */
export interface NumberedLine {
  line: number;
  text: string;
}

/**
 * CSI sequences (colours, cursor moves) and OSC sequences (window titles set by shell prompts).
 * Both patterns are linear: each class excludes the terminator, so there is nothing to backtrack into.
 * OSC stops at a newline too, so a broken sequence never swallows lines and shifts the numbering.
 */
const CSI = /\x1b\[[0-?]*[ -/]*[@-~]/g;
const OSC = /\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?/g;
/** Other escape pairs (`ESC =`, `ESC (B`) and the remaining C0/C1 controls except tab and line ends. */
const ESC_OTHER = /\x1b[()][A-Za-z0-9]?|\x1b[@-_=>]?/g;
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]/g;

/** Remove terminal escapes and control characters; keep tabs and line breaks so numbering is unchanged. */
export function stripTerminalNoise(text: string): string {
  return text.replace(CSI, '').replace(OSC, '').replace(ESC_OTHER, '').replace(CONTROLS, '').replace(/^\ufeff/, '');
}

/**
 * Split into numbered lines. CRLF, lone CR and LF all end a line (a lone CR is what an old Mac-style paste
 * or a serial console leaves), matching how editors number such text.
 */
export function numberLines(text: string, firstLine = 1): NumberedLine[] {
  const out: NumberedLine[] = [];
  let start = 0;
  let n = firstLine;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push({ line: n++, text: text.slice(start, i) });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ line: n, text: text.slice(start) });
  return out;
}

/** Clean then number: the usual first step of every text parser. */
export function cleanLines(text: string, firstLine = 1): NumberedLine[] {
  return numberLines(stripTerminalNoise(text), firstLine);
}

/** Indentation width (tabs count as one), used to tell an interface header from its detail lines. */
export function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** Whitespace-separated words; cheap and linear. */
export function words(text: string): string[] {
  return text.trim().split(/\s+/).filter((w) => w !== '');
}

/** `1500` → 1500; anything else (including `1e3`, `0x10`, empty) → null. */
export function toInt(s: string | undefined): number | null {
  if (s === undefined || !/^\d{1,15}$/.test(s)) return null;
  return Number(s);
}

/** Decimal or `0x` hex integer (nft prints marks as `0x00000010`). */
export function toIntOrHex(s: string | undefined): number | null {
  if (s === undefined) return null;
  if (/^0x[0-9a-f]{1,8}$/i.test(s)) return parseInt(s.slice(2), 16);
  return toInt(s);
}
