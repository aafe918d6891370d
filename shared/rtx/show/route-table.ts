/**
 * The route tables of `show ip route` and `show ipv6 route`. Columns are whitespace-separated and no field
 * holds a space, so rows are read as words rather than by column position. A row that is too short
 * (a gateway of 25+ characters pushes interface and type to the next line, at column 50) is completed
 * by the indented line(s) that follow it.
 */
import type { NumberedLine } from '../console-lines.js';
import { tokens } from '../text.js';
import type { Src } from './common.js';

export interface RouteEntry extends Src {
  destination: string;
  /** `-` when the route has no gateway (as printed). */
  gateway: string;
  /** `LAN2`, `TUNNEL[1]`, `PP[01]` as printed. */
  interface: string;
  /** `static`, `implicit`, `temporary`, `OSPF`, `RA` … as printed. */
  kind: string;
  /** Anything after the kind (`Additional Info.` column). */
  additional: string;
}

/** Header in English or Japanese; only used to say the output was recognised. */
const HEADER = /^\s*(?:Destination|宛先)/i;
const COLUMNS = 4;

export function parseRouteTable(lines: NumberedLine[]): { headerLine: number | null; routes: RouteEntry[] } {
  let headerLine: number | null = null;
  const rows: { lines: number[]; words: string[] }[] = [];
  let last: { lines: number[]; words: string[] } | null = null;
  for (const { line, text } of lines) {
    if (text.trim() === '') continue;
    if (HEADER.test(text)) {
      headerLine ??= line;
      continue;
    }
    const words = tokens(text);
    const indented = text[0] === ' ' || text[0] === '\t';
    if (indented && last && last.words.length < COLUMNS) {
      // A loop, not push(...words): a garbage line may hold more words than a call can take arguments.
      for (const w of words) last.words.push(w);
      last.lines.push(line);
    } else if (!indented && looksLikeDestination(words[0] ?? '')) {
      last = { lines: [line], words };
      rows.push(last);
    } else last = null;
  }
  const routes: RouteEntry[] = [];
  for (const r of rows) {
    const [destination, gateway, iface, kind, ...rest] = r.words;
    if (destination === undefined || gateway === undefined || iface === undefined || kind === undefined) continue;
    routes.push({ destination, gateway, interface: iface, kind, additional: rest.join(' '), lines: r.lines });
  }
  return { headerLine, routes };
}

/** `default`, an IPv4/IPv6 address or prefix: keeps prompts, echoes and error text out of the table. */
function looksLikeDestination(word: string): boolean {
  return word === 'default' || /^[0-9A-Fa-f:.]+(?:\/\d{1,3})?$/.test(word) && /[.:]/.test(word);
}
