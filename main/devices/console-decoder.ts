import iconv from 'iconv-lite';

export type ConsoleCharset = 'utf8' | 'cp932' | 'auto';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode a complete console response. `auto` prefers UTF-8 and falls back to CP932 (Shift_JIS with
 * the NEC/IBM extensions real consoles print) when the bytes are not valid UTF-8.
 */
export function decodeConsole(bytes: Uint8Array, charset: ConsoleCharset): { text: string; charset: 'utf8' | 'cp932' } {
  if (charset === 'cp932') return { text: iconv.decode(Buffer.from(bytes), 'cp932'), charset };
  try {
    return { text: utf8.decode(bytes), charset: 'utf8' };
  } catch {
    if (charset === 'utf8') return { text: Buffer.from(bytes).toString('utf8'), charset: 'utf8' };
    return { text: iconv.decode(Buffer.from(bytes), 'cp932'), charset: 'cp932' };
  }
}

// CSI / OSC / two-byte escapes, as terminals and some SSH servers send them.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Byte patterns for markers that may arrive in either Japanese encoding. */
export function bothEncodings(text: string): Buffer[] {
  const out = [Buffer.from(text, 'utf8'), iconv.encode(text, 'cp932')];
  return out[0]!.equals(out[1]!) ? [out[0]!] : out;
}
