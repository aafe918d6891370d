/**
 * The config commands the twin understands, as data. Each spec names a command by its leading words and
 * says which words make up its identity: typing a command replaces the line with the same identity
 * (`ip filter 200030 …` replaces filter 200030), `no …` removes it, as on a real RTX.
 */
import { Address4, Address6 } from 'ip-address';
import type { ConsoleMessage } from './console-messages.js';
import { ACCESS_COMMANDS } from './access-services.js';

export type CommandScope = 'global' | 'tunnel' | 'tunnel-named';

export interface ConfigCommandSpec {
  /**
   * Leading words. `#` is a number, `@if` an interface name (lan1, bridge1 …), `*` any one word, and
   * `a|b` either literal.
   */
  words: string[];
  /** Words after `words` that also belong to the identity (several `ipv6 lan1 address X` may coexist). */
  identityExtra?: number;
  /** Where the line lives: globally, in the selected tunnel's block, or in the block of the tunnel it names. */
  scope: CommandScope;
  /** Fewest words after `words` in the positive form (`ip tunnel mtu` needs a value). */
  minArgs: number;
  /** Most words after `words`; unlimited when absent. */
  maxArgs?: number;
  /** Checks the arguments; returns the console error to print, or null. */
  validate?: (args: string[]) => ConsoleMessage | null;
  /** The identity, when it is not simply the matched words (`tunnel enable 1` and `tunnel disable 1` share one). */
  slot?: (w: string[]) => string;
}

const isNumber = (w: string): boolean => /^\d+$/.test(w);
const isInterface = (w: string): boolean => /^(?:lan\d+(?:\/\d+)?|bridge\d+|vlan\d+|loopback\d+|wan\d+)$/.test(w);

function validIp(w: string): boolean {
  return Address6.isValid(w) || Address4.isValid(w);
}

const FILTER_ACTIONS = new Set([
  'pass', 'reject', 'restrict', 'pass-log', 'pass-nolog', 'reject-log', 'reject-nolog', 'restrict-log', 'restrict-nolog',
]);

const filterArgs = (args: string[]): ConsoleMessage | null => (FILTER_ACTIONS.has(args[0] ?? '') ? null : 'illegalKeyword');
const numbers = (args: string[]): ConsoleMessage | null => (args.every((a) => isNumber(a) || a === 'dynamic') ? null : 'illegalKeyword');
const endpoint = (args: string[]): ConsoleMessage | null => (args.every(validIp) ? null : 'unrecognizedAddress');
const mtu = (args: string[]): ConsoleMessage | null => {
  const v = Number(args[0]);
  return args[0] === 'auto' || (Number.isInteger(v) && v >= 68 && v <= 9578) ? null : 'outOfRange';
};

export const CONFIG_COMMANDS: readonly ConfigCommandSpec[] = [
  // Routes and prefixes
  { words: ['ip', 'route', '*'], scope: 'global', minArgs: 2 },
  { words: ['ipv6', 'route', '*'], scope: 'global', minArgs: 2 },
  { words: ['ipv6', 'prefix', '#'], scope: 'global', minArgs: 1 },
  // Filters
  { words: ['ip', 'filter', '#'], scope: 'global', minArgs: 1, validate: filterArgs },
  { words: ['ip', 'filter', 'dynamic', '#'], scope: 'global', minArgs: 3 },
  { words: ['ipv6', 'filter', '#'], scope: 'global', minArgs: 1, validate: filterArgs },
  { words: ['ipv6', 'filter', 'dynamic', '#'], scope: 'global', minArgs: 3 },
  // LAN interfaces
  { words: ['ip', '@if', 'address'], scope: 'global', minArgs: 1, maxArgs: 1 },
  { words: ['ipv6', '@if', 'address'], identityExtra: 1, scope: 'global', minArgs: 1 },
  { words: ['ip', '@if', 'secure', 'filter', 'in|out'], scope: 'global', minArgs: 1, validate: numbers },
  { words: ['ipv6', '@if', 'secure', 'filter', 'in|out'], scope: 'global', minArgs: 1, validate: numbers },
  { words: ['ip', '@if', 'nat', 'descriptor'], scope: 'global', minArgs: 1, validate: numbers },
  { words: ['ip', '@if', 'mtu'], scope: 'global', minArgs: 1, maxArgs: 1, validate: mtu },
  { words: ['ipv6', '@if', 'mtu'], scope: 'global', minArgs: 1, maxArgs: 1, validate: mtu },
  { words: ['ipv6', '@if', 'dhcp', 'service'], scope: 'global', minArgs: 1 },
  { words: ['ipv6', '@if', 'prefix', 'change', 'log'], scope: 'global', minArgs: 1, maxArgs: 1 },
  { words: ['ipv6', '@if', 'rtadv', 'send'], scope: 'global', minArgs: 1 },
  { words: ['ngn', 'type', '@if'], scope: 'global', minArgs: 1, maxArgs: 1 },
  { words: ['lan', 'linkup', 'send-wait-time', '@if'], scope: 'global', minArgs: 1 },
  // NAT
  { words: ['nat', 'descriptor', 'type', '#'], scope: 'global', minArgs: 1, maxArgs: 1 },
  { words: ['nat', 'descriptor', 'address', 'outer|inner', '#'], scope: 'global', minArgs: 1 },
  { words: ['nat', 'descriptor', 'masquerade', 'port', 'range', '#'], scope: 'global', minArgs: 1 },
  { words: ['nat', 'descriptor', 'masquerade', 'static', '#', '#'], scope: 'global', minArgs: 1 },
  // Console settings made in administrator mode are config lines too.
  { words: ['console', 'character|lines|columns|prompt'], scope: 'global', minArgs: 1, maxArgs: 1 },
  // DNS, DHCP, schedules
  { words: ['dns', 'server'], scope: 'global', minArgs: 1 },
  { words: ['dns', 'server', 'select', '#'], scope: 'global', minArgs: 1 },
  { words: ['dns', 'host'], scope: 'global', minArgs: 1 },
  { words: ['dns', 'service', 'fallback'], scope: 'global', minArgs: 1 },
  { words: ['dns', 'private', 'address', 'spoof'], scope: 'global', minArgs: 1 },
  { words: ['dhcp', 'service'], scope: 'global', minArgs: 1 },
  { words: ['dhcp', 'scope', '#'], scope: 'global', minArgs: 1 },
  { words: ['dhcp', 'scope', 'bind', '#', '*'], scope: 'global', minArgs: 1 },
  { words: ['schedule', 'at', '#'], scope: 'global', minArgs: 2 },
  // Tunnels: the block of the selected tunnel
  { words: ['tunnel', 'encapsulation'], scope: 'tunnel', minArgs: 1, maxArgs: 1 },
  { words: ['tunnel', 'map-e', 'type'], scope: 'tunnel', minArgs: 1, maxArgs: 1 },
  { words: ['tunnel', 'endpoint', 'address'], scope: 'tunnel', minArgs: 1, maxArgs: 2, validate: endpoint },
  { words: ['tunnel', 'endpoint', 'name'], scope: 'tunnel', minArgs: 1, maxArgs: 3 },
  { words: ['ip', 'tunnel', 'mtu'], scope: 'tunnel', minArgs: 1, maxArgs: 1, validate: mtu },
  { words: ['ip', 'tunnel', 'address'], scope: 'tunnel', minArgs: 1, maxArgs: 1 },
  { words: ['ip', 'tunnel', 'secure', 'filter', 'in|out'], scope: 'tunnel', minArgs: 1, validate: numbers },
  { words: ['ipv6', 'tunnel', 'secure', 'filter', 'in|out'], scope: 'tunnel', minArgs: 1, validate: numbers },
  { words: ['ip', 'tunnel', 'nat', 'descriptor'], scope: 'tunnel', minArgs: 1, validate: numbers },
  { words: ['ip', 'tunnel', 'tcp', 'mss', 'limit'], scope: 'tunnel', minArgs: 1, maxArgs: 1 },
  { words: ['description', 'tunnel'], scope: 'tunnel', minArgs: 1 },
  // `tunnel enable N` names its tunnel; RTX prints it as the last line of that tunnel's block.
  { words: ['tunnel', 'enable|disable', '#'], scope: 'tunnel-named', minArgs: 0, maxArgs: 0, slot: (w) => `tunnel enable ${w[2]}` },
  // SSH and Telnet servers, login users
  ...ACCESS_COMMANDS,
];

export interface CommandMatch {
  spec: ConfigCommandSpec;
  /** The identity key: lines with equal keys replace each other. */
  key: string;
  /** True when fewer words than the full identity were given (`no ipv6 lan1 address` removes every address). */
  partialKey: boolean;
  /** Words of the command after the spec's leading words. */
  args: string[];
  /** Lines of one family sit together; numbered families are kept in ascending order. */
  family: string;
  /** The number that orders lines inside the family, when there is one. */
  order: number | null;
}

function wordMatches(pattern: string, word: string): boolean {
  if (pattern === '#') return isNumber(word);
  if (pattern === '@if') return isInterface(word);
  if (pattern === '*') return true;
  return pattern.split('|').includes(word);
}

/** The longest spec whose leading words match, or null for a command the twin does not model. */
export function matchConfigCommand(words: readonly string[]): CommandMatch | null {
  let best: ConfigCommandSpec | null = null;
  for (const spec of CONFIG_COMMANDS) {
    if (words.length < spec.words.length) continue;
    if (!spec.words.every((p, i) => wordMatches(p, words[i]!))) continue;
    if (!best || spec.words.length > best.words.length) best = spec;
  }
  if (!best) return null;
  const n = best.words.length;
  const extra = best.identityExtra ?? 0;
  const keyWords = words.slice(0, n + extra);
  const key = best.slot ? best.slot([...words]) : keyWords.join(' ');
  const family = best.words.map((p, i) => (p === '#' ? '#' : p.includes('|') ? words[i] : p === '@if' || p === '*' ? words[i] : p)).join(' ');
  const numberAt = best.words.lastIndexOf('#');
  return {
    spec: best,
    key,
    partialKey: words.length < n + extra,
    args: words.slice(n),
    family,
    order: numberAt >= 0 ? Number(words[numberAt]) : null,
  };
}
