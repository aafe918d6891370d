/** `ip route …` / `ipv6 route …` lines. */
import type { RouteConfig } from './types.js';
import type { Family } from './interface-commands.js';

const INTERFACE = /^(?:lan\d+(?:\/\d+)?|bridge\d+|vlan\d+|loopback\d+|wan\d+)$/;

/**
 * `DEST gateway GW…` (the words after `ip route`). Only the first gateway is modelled; the raw text keeps
 * the rest (`hide`, `weight=`, `keepalive`, a second `gateway`). Null when there is no gateway word.
 */
export function route(family: Family, words: string[], raw: string, line: number): RouteConfig | null {
  const destination = words[0];
  if (destination === undefined || words[1] !== 'gateway') return null;
  const g = words[2];
  const next = words[3];
  let gateway: RouteConfig['gateway'];
  if (g === undefined) return null;
  if ((g === 'tunnel' || g === 'pp') && next !== undefined) gateway = { kind: g, value: next };
  else if (g === 'dhcp' && next !== undefined) gateway = { kind: 'dhcp', value: next };
  else if (INTERFACE.test(g)) gateway = { kind: 'interface', value: g };
  else if (g.includes('.') || g.includes(':')) gateway = { kind: 'address', value: g };
  else gateway = { kind: 'other', value: words.slice(2).join(' ') };
  return { family, destination, gateway, raw, lines: [line] };
}
