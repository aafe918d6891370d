/**
 * One size limit from the paste box to the API: the UI refuses a larger paste or file before sending it, the
 * contract refuses it with a reason, and the browser-mode socket takes any frame a paste under the limit can make.
 */

/** The largest transcript the app diagnoses, in UTF-8 bytes (a week of Tera Term logging is far below it). */
export const PASTE_MAX_BYTES = 4 * 1024 * 1024;

/** The limit as people read it ("4 MB"). */
export const PASTE_MAX_LABEL = '4 MB';

/**
 * The largest WebSocket frame the server reads: a paste at the limit escaped to JSON at worst (a control character
 * becomes six bytes, `\u0001`) plus the call's envelope. A larger frame closes that socket (1009); the server stays up.
 */
export const WS_MAX_FRAME_BYTES = PASTE_MAX_BYTES * 6 + 64 * 1024;

/** UTF-8 length of a string without encoding it (lone surrogates count as the 3 bytes of U+FFFD). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
