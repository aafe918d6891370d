/**
 * `show ipv6 address`. The reference has no capture of this output, so the parser relies only on what any
 * layout must contain: an interface heading that starts a line with the interface name (`LAN1`,
 * `LAN1 scope-id 1 [up]`, `TUNNEL[1]` …) and IPv6 addresses on the lines below it. Each address token
 * (with or without `/len`) is taken, its scope decided from the address itself, and words such as
 * `tentative`, `duplicated`, `deprecated` on the same line kept as flags.
 */
import { cleanLines, tokens } from '../text.js';
import { looksIpv6, type ShowOutput, type Src } from './common.js';

export interface Ipv6AddressEntry extends Src {
  /** The address without `/len`. */
  address: string;
  prefixLength: number | null;
  scope: 'global' | 'link-local' | 'multicast' | 'unspecified' | 'other';
  /** Lower-cased state words printed with the address (`tentative`, `duplicated`, `deprecated`, `global` …). */
  flags: string[];
}

export interface Ipv6InterfaceAddresses extends Src {
  /** As printed: `LAN1`, `TUNNEL[1]`, `PP[01]`. */
  interface: string;
  scopeId: number | null;
  /** `up` / `down` from `[up]`, when printed. */
  state: string | null;
  addresses: Ipv6AddressEntry[];
}

export interface ShowIpv6Address extends ShowOutput {
  command: 'show ipv6 address';
  interfaces: Ipv6InterfaceAddresses[];
}

const HEADING = /^((?:LAN|BRIDGE|VLAN|LOOPBACK|WAN)\d{1,4}(?:\/\d{1,4})?|(?:PP|TUNNEL)\s*\[?\s*\d{1,9}\s*\]?|NULL)(?=$|[\s:[(])/i;
const FLAG_WORDS = new Set(['tentative', 'duplicated', 'duplicate', 'deprecated', 'preferred', 'global', 'link-local', 'anycast', 'temporary', 'autoconf', 'dhcp']);

/** `(fe80::1/64)` → `fe80::1/64`; `2001:db8::1:` → `2001:db8::1`. Index loops, not a regex: tokens can be huge. */
function unwrapWord(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && '([,'.includes(word[start] ?? '')) start++;
  while (end > start && ')],;'.includes(word[end - 1] ?? '')) end--;
  const w = word.slice(start, end);
  return w.endsWith(':') && !w.endsWith('::') ? w.slice(0, -1) : w;
}

function scopeOf(address: string): Ipv6AddressEntry['scope'] {
  const a = address.toLowerCase();
  if (/^fe[89ab][0-9a-f]?:/.test(a)) return 'link-local';
  if (a.startsWith('ff')) return 'multicast';
  if (a === '::') return 'unspecified';
  if (/^[23][0-9a-f]{0,3}:/.test(a)) return 'global';
  return 'other';
}

export function parseShowIpv6Address(output: string): ShowIpv6Address {
  const interfaces: Ipv6InterfaceAddresses[] = [];
  let cur: Ipv6InterfaceAddresses | null = null;
  for (const { line, text } of cleanLines(output)) {
    const heading = text[0] !== ' ' && text[0] !== '\t' ? HEADING.exec(text) : null;
    if (heading) {
      const rest = text.slice(heading[0].length);
      const scope = /scope-id\s*(\d{1,9})/i.exec(rest);
      const state = /\[\s*(up|down)\s*\]/i.exec(rest);
      cur = {
        interface: (heading[1] ?? '').replace(/\s+/g, '').toUpperCase(), scopeId: scope ? Number(scope[1]) : null,
        state: state ? (state[1] ?? '').toLowerCase() : null, addresses: [], lines: [line],
      };
      interfaces.push(cur);
    }
    if (!cur) continue;
    const words = tokens(heading ? text.slice(heading[0].length) : text).map(unwrapWord);
    const flags = words.map((w) => w.toLowerCase()).filter((w) => FLAG_WORDS.has(w));
    for (const w of words) {
      if (!looksIpv6(w)) continue;
      const slash = w.indexOf('/');
      const address = slash >= 0 ? w.slice(0, slash) : w;
      cur.addresses.push({
        address, prefixLength: slash >= 0 ? Number(w.slice(slash + 1)) : null, scope: scopeOf(address), flags, lines: [line],
      });
    }
  }
  return { command: 'show ipv6 address', recognized: interfaces.length > 0, interfaces };
}
