/** `ip filter …` / `ipv6 filter …` lines, static and dynamic. */
import { intOf } from '../text.js';
import type { DynamicFilter, StaticFilter } from './types.js';
import type { Family } from './interface-commands.js';

const ACTIONS = new Set<StaticFilter['action']>([
  'pass', 'reject', 'restrict', 'pass-log', 'pass-nolog', 'reject-log', 'reject-nolog', 'restrict-log', 'restrict-nolog',
]);

/**
 * `N ACTION [SRC [DST [PROTO [SRCPORT [DSTPORT]]]]]` (the words after `ip filter`). Omitted trailing fields
 * mean `*` (`ipv6 filter 200039 reject *`). Returns null when this is not a numbered filter definition
 * (`ip filter source-route on`, `ip filter set …`).
 */
export function staticFilter(family: Family, words: string[], line: number): StaticFilter | null {
  const id = intOf(words[0]);
  const action = words[1] as StaticFilter['action'] | undefined;
  if (id === null || action === undefined || !ACTIONS.has(action)) return null;
  const f = (i: number): string => words[i] ?? '*';
  return {
    family, id, action,
    source: f(2), destination: f(3), protocol: f(4), sourcePort: f(5), destinationPort: f(6),
    lines: [line],
  };
}

/** `dynamic N SRC DST PROTO [options]` (the words after `ip filter`). */
export function dynamicFilter(family: Family, words: string[], line: number): DynamicFilter | null {
  if (words[0] !== 'dynamic') return null;
  const id = intOf(words[1]);
  if (id === null) return null;
  return { family, id, source: words[2] ?? '*', destination: words[3] ?? '*', protocol: words[4] ?? '*', lines: [line] };
}
