/**
 * `ip -6 route` / `ip route` text and `ip -j -6 route` / `ip -j route` JSON (also `ip route get` lines, which
 * have the same shape). Diagnosis needs the IPv4 default route (`default dev mape`) and the IPv6 route to the BR:
 * with no gateway (`via`) the host tries neighbour discovery for a remote address (BR_ROUTE_ONLINK).
 */
import type { Evidence, ParseOptions } from './evidence.js';
import { arrayElementSpans, isObject, jsonEvidence, LinuxInputError, num, objList, parseJsonText, str, strList, type Json } from './json-input.js';
import { cleanLines, indentOf, toInt, words } from './text.js';

export type Family = 'inet' | 'inet6';

export interface Nexthop {
  via: string | null;
  dev: string | null;
  weight: number | null;
}

export interface Route {
  family: Family;
  /** `unicast` unless printed: `local`, `unreachable`, `blackhole`, `prohibit`, `throw`, `broadcast`, `multicast`, `anycast`. */
  type: string;
  /** `default` or a prefix with its length (`2404:9200:225:100::64/128`, `0.0.0.0/0` is written `default`). */
  destination: string;
  prefixLength: number;
  /** Gateway; null means the destination is on-link (directly on `dev`). */
  via: string | null;
  dev: string | null;
  proto: string | null;
  metric: number | null;
  scope: string | null;
  src: string | null;
  table: string | null;
  pref: string | null;
  /** `onlink`, `linkdown`, `dead`, `offload` … */
  flags: string[];
  /** Multipath routes: the `nexthop` lines. */
  nexthops: Nexthop[];
  evidence: Evidence;
}

/** A route with only what is known set; everything else unknown (null) or empty. */
export function routeOf(known: Pick<Route, 'family' | 'type' | 'destination' | 'evidence'> & Partial<Route>): Route {
  return {
    prefixLength: 0,
    via: null,
    dev: null,
    proto: null,
    metric: null,
    scope: null,
    src: null,
    table: null,
    pref: null,
    flags: [],
    nexthops: [],
    ...known,
  };
}

export interface RouteParseOptions extends ParseOptions {
  /** The family the command asked for (`ip -6 route`); otherwise guessed from each line. */
  family?: Family;
  /** `ip route show dev eth1` leaves `dev eth1` out of every line; the command's dev fills it in. */
  dev?: string;
}

export interface IpRouteResult {
  routes: Route[];
  unrecognised: number[];
}

const TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast']);
const FLAG_WORDS = new Set(['onlink', 'linkdown', 'dead', 'pervasive', 'offload', 'trap', 'notify', 'rt_offload', 'rt_trap']);
const VALUE_WORDS = new Set(['via', 'dev', 'proto', 'metric', 'scope', 'src', 'table', 'pref', 'expires', 'mtu', 'advmss', 'error', 'from', 'realm', 'realms', 'uid', 'hoplimit', 'initcwnd', 'initrwnd', 'weight', 'cache', 'tos', 'nhid']);
const DEST = /^(default|[0-9a-f:.]{1,45}(?:\/\d{1,3})?)$/i;

export function parseIpRouteText(output: string, opts: RouteParseOptions = {}): IpRouteResult {
  const command = opts.command ?? (opts.family === 'inet6' ? 'ip -6 route' : 'ip route');
  const routes: Route[] = [];
  const unrecognised: number[] = [];
  let last: Route | null = null;
  for (const { line, text } of cleanLines(output, opts.firstLine)) {
    if (text.trim() === '') continue;
    const w = words(text);
    if (indentOf(text) > 0 && last) {
      if (w[0] === 'nexthop') {
        last.nexthops.push(readNexthop(w.slice(1)));
        last.evidence.lines?.push(line);
        continue;
      }
      // `ip route get` prints `    cache` and similar detail lines under the route.
      if (w[0] === 'cache' || w[0] === 'uid') {
        last.evidence.lines?.push(line);
        continue;
      }
    }
    const route = routeFromWords(w, opts, { command, lines: [line] });
    if (route) {
      routes.push(route);
      last = route;
    } else {
      unrecognised.push(line);
      last = null;
    }
  }
  return { routes, unrecognised };
}

function routeFromWords(w: string[], opts: RouteParseOptions, evidence: Evidence): Route | null {
  let i = 0;
  let type = 'unicast';
  if (w[0] !== undefined && TYPES.has(w[0])) {
    type = w[0];
    i = 1;
  }
  const dest = w[i];
  if (dest === undefined || !DEST.test(dest)) return null;
  // Hex-only words (`dead`, `cafe`) pass DEST; a real destination has a separator or is `default`.
  if (dest !== 'default' && !dest.includes(':') && !dest.includes('.')) return null;
  const route = routeOf({ family: opts.family ?? (dest.includes(':') ? 'inet6' : 'inet'), type, destination: dest, dev: opts.dev ?? null, evidence });
  for (i++; i < w.length; i++) {
    const word = w[i]!;
    const next = w[i + 1];
    if (FLAG_WORDS.has(word)) {
      route.flags.push(word);
      continue;
    }
    if (!VALUE_WORDS.has(word)) continue;
    i++;
    switch (word) {
      case 'via':
        // `via inet6 fe80::1` (an IPv4 route through an IPv6 gateway) names the family first.
        if (next === 'inet6' || next === 'inet') route.via = w[++i] ?? null;
        else route.via = next ?? null;
        break;
      case 'dev':
        route.dev = next ?? null;
        break;
      case 'proto':
        route.proto = next ?? null;
        break;
      case 'metric':
        route.metric = toInt(next);
        break;
      case 'scope':
        route.scope = next ?? null;
        break;
      case 'src':
        route.src = next ?? null;
        break;
      case 'table':
        route.table = next ?? null;
        break;
      case 'pref':
        route.pref = next ?? null;
        break;
      case 'mtu':
        // `mtu lock 1400`
        if (next === 'lock') i++;
        break;
      case 'cache':
        i--;
        break;
      default:
        break;
    }
  }
  if (!opts.family && route.via?.includes(':') && !dest.includes('.')) route.family = 'inet6';
  normaliseDestination(route);
  return route;
}

function normaliseDestination(route: Route): void {
  const full = route.family === 'inet6' ? 128 : 32;
  if (route.destination === 'default' || route.destination === '::/0' || route.destination === '0.0.0.0/0') {
    route.destination = 'default';
    route.prefixLength = 0;
    return;
  }
  const slash = route.destination.indexOf('/');
  if (slash < 0) {
    route.prefixLength = full;
    route.destination = `${route.destination}/${full}`;
  } else {
    route.prefixLength = Math.min(toInt(route.destination.slice(slash + 1)) ?? full, full);
  }
}

function readNexthop(w: string[]): Nexthop {
  const hop: Nexthop = { via: null, dev: null, weight: null };
  for (let i = 0; i < w.length; i++) {
    if (w[i] === 'via') hop.via = w[i + 1] === 'inet6' || w[i + 1] === 'inet' ? (w[(i += 2)] ?? null) : (w[++i] ?? null);
    else if (w[i] === 'dev') hop.dev = w[++i] ?? null;
    else if (w[i] === 'weight') hop.weight = toInt(w[++i]);
  }
  return hop;
}

export function parseIpRouteJson(output: string, opts: RouteParseOptions = {}): IpRouteResult {
  const command = opts.command ?? (opts.family === 'inet6' ? 'ip -j -6 route' : 'ip -j route');
  const data = parseJsonText(output, command);
  if (!Array.isArray(data)) {
    throw new LinuxInputError('unexpected-json', `The output of \`${command}\` is JSON but not the list of routes \`ip -j route\` prints.`);
  }
  const spans = arrayElementSpans(output, 1, opts.firstLine);
  const routes: Route[] = [];
  data.forEach((item: unknown, index) => {
    if (!isObject(item)) return;
    const dst = str(item, 'dst');
    if (dst === null) return;
    const via = gatewayOf(item);
    const route: Route = {
      family: opts.family ?? (dst.includes(':') || (via?.includes(':') ?? false) ? 'inet6' : 'inet'),
      type: str(item, 'type') ?? 'unicast',
      destination: dst,
      prefixLength: 0,
      via,
      dev: str(item, 'dev') ?? opts.dev ?? null,
      proto: str(item, 'protocol'),
      metric: num(item, 'metric'),
      scope: str(item, 'scope'),
      src: str(item, 'prefsrc'),
      table: str(item, 'table') ?? (num(item, 'table') !== null ? String(num(item, 'table')) : null),
      pref: str(item, 'pref'),
      flags: strList(item, 'flags'),
      nexthops: objList(item.nexthops).map((h) => ({ via: gatewayOf(h), dev: str(h, 'dev'), weight: num(h, 'weight') })),
      evidence: jsonEvidence(command, index, spans),
    };
    normaliseDestination(route);
    routes.push(route);
  });
  return { routes, unrecognised: [] };
}

/** `gateway` for same-family gateways, `via: {family, host}` for an IPv4 route through an IPv6 gateway. */
function gatewayOf(o: Json): string | null {
  const g = str(o, 'gateway');
  if (g !== null) return g;
  return isObject(o.via) ? str(o.via, 'host') : null;
}
