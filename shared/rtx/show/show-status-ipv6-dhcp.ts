/**
 * `show status ipv6 dhcp`: per interface role, state and (for a client) the lease. Whether a PD lease
 * exists is read from the presence of `prefix:` under the client, never from a state word.
 * Fields may be one per line or several on a line (`duration: 1844   T1: 922   T2: 1475`).
 */
import { cleanLines } from '../text.js';
import type { ShowOutput, Src } from './common.js';

type Value = Src & { value: string };
type NumberValue = Src & { value: number };

export interface Dhcp6InterfaceStatus extends Src {
  /** As printed: `LAN2`. */
  interface: string;
  /** `client` / `server` (anything else is kept as printed). */
  role: string;
  /** Every `state:` line in order (a server prints one per client). */
  states: Value[];
  serverAddress: Value | null;
  preference: NumberValue | null;
  /** The delegated prefix as printed (`240b:11:b901:1800::/56`, or a user's placeholder). */
  prefix: Value | null;
  duration: NumberValue | null;
  t1: NumberValue | null;
  t2: NumberValue | null;
  preferredLifetime: NumberValue | null;
  validLifetime: NumberValue | null;
  dnsServers: Value[];
  domainNames: Value[];
  sntpServers: Value[];
}

export interface ShowStatusIpv6Dhcp extends ShowOutput {
  command: 'show status ipv6 dhcp';
  interfaces: Dhcp6InterfaceStatus[];
}

const BLOCK = /^\s*([A-Za-z]+\d*(?:\/\d+)?(?:\[\d+\])?)\s*\[\s*([A-Za-z-]+)\s*\]\s*$/;
const NUMBER_KEYS = {
  preference: 'preference', duration: 'duration', t1: 't1', t2: 't2',
  'preferred lifetime': 'preferredLifetime', 'valid lifetime': 'validLifetime',
} as const;

/** `key: value` pieces of a line; pieces are separated by two or more spaces. */
function pieces(text: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const p of text.trim().split(/ {2,}|\t+/)) {
    const i = p.indexOf(':');
    if (i > 0) out.push({ key: p.slice(0, i).trim().toLowerCase(), value: p.slice(i + 1).trim() });
  }
  return out;
}

export function parseShowStatusIpv6Dhcp(output: string): ShowStatusIpv6Dhcp {
  const interfaces: Dhcp6InterfaceStatus[] = [];
  let banner = false;
  let cur: Dhcp6InterfaceStatus | null = null;
  for (const { line, text } of cleanLines(output)) {
    if (/^\s*DHCPv6 status\s*$/i.test(text)) {
      banner = true;
      continue;
    }
    const block = BLOCK.exec(text);
    if (block) {
      cur = {
        interface: block[1] ?? '', role: (block[2] ?? '').toLowerCase(), lines: [line], states: [], serverAddress: null,
        preference: null, prefix: null, duration: null, t1: null, t2: null, preferredLifetime: null, validLifetime: null,
        dnsServers: [], domainNames: [], sntpServers: [],
      };
      interfaces.push(cur);
      continue;
    }
    if (!cur) continue;
    for (const { key, value } of pieces(text)) {
      const src = [line];
      if (key === 'state') cur.states.push({ value, lines: src });
      else if (key === 'address') cur.serverAddress = { value, lines: src };
      else if (key === 'prefix') cur.prefix = { value, lines: src };
      else if (key.startsWith('dns server')) cur.dnsServers.push({ value, lines: src });
      else if (key.startsWith('domain name')) cur.domainNames.push({ value, lines: src });
      else if (key.startsWith('sntp server')) cur.sntpServers.push({ value, lines: src });
      else if (Object.hasOwn(NUMBER_KEYS, key) && /^\d{1,12}$/.test(value)) {
        cur[NUMBER_KEYS[key as keyof typeof NUMBER_KEYS]] = { value: Number(value), lines: src };
      }
    }
  }
  return { command: 'show status ipv6 dhcp', recognized: banner || interfaces.length > 0, interfaces };
}
