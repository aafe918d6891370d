/**
 * "Rollback leaves ip and nft state identical to the state before apply": a snapshot of links, addresses,
 * routes, the nft ruleset and the sysctls the plan touches, taken before the first apply and compared after
 * rollback. Only what cannot be the same is normalised away: interface indexes, address and route lifetimes,
 * nft handles, the kernel's fallback tunnel devices that appear once the tunnel module is loaded, and the local
 * route of an address still in duplicate address detection (see `dadPending`).
 */
import type { Message } from '../../i18n/message.js';
import { ceText } from './text.js';

export const SNAPSHOT_COMMANDS = {
  links: 'ip -j -d link show',
  addresses: 'ip -j addr show',
  routes4: 'ip -j -4 route show table all',
  routes6: 'ip -j -6 route show table all',
  nft: 'nft -j list ruleset',
  sysctl: 'sysctl net.ipv4.ip_forward net.ipv4.conf.all.rp_filter',
} as const;

export type SnapshotPart = keyof typeof SNAPSHOT_COMMANDS;
export type Snapshot = Record<SnapshotPart, string>;

/** Devices the kernel creates by itself in every namespace when a tunnel module loads; apply may load one. */
const FALLBACK_DEVICES = new Set(['ip6tnl0', 'tunl0', 'sit0', 'ip6gre0', 'gre0', 'gretap0', 'erspan0', 'ip6_vti0', 'ip_vti0']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function parseJson(text: string): Json {
  const t = text.trim();
  if (t === '') return [];
  try {
    return JSON.parse(t) as Json;
  } catch {
    return [];
  }
}

function isObj(x: Json | undefined): x is { [k: string]: Json } {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** JSON with sorted keys, so equal things compare equal whatever order the tool printed the keys in. */
export function canonical(x: Json | undefined): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (isObj(x)) return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canonical(x[k])}`).join(',')}}`;
  return JSON.stringify(x ?? null);
}

function pick(o: { [k: string]: Json }, keys: readonly string[]): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k]!;
  return out;
}

function withoutKeys(x: Json, drop: ReadonlySet<string>): Json {
  if (Array.isArray(x)) return x.map((y) => withoutKeys(y, drop));
  if (isObj(x)) {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(x)) if (!drop.has(k)) out[k] = withoutKeys(v, drop);
    return out;
  }
  return x;
}

const NFT_STATE = new Set(['handle', 'packets', 'bytes']);
const LINK_KEYS = ['ifname', 'link_type', 'flags', 'mtu', 'address', 'master', 'linkinfo'];
/** Transient by nature: remaining lifetimes, interface indexes, and DAD's `tentative` (gone a second later). */
const LIFETIMES = new Set(['valid_life_time', 'preferred_life_time', 'expires', 'ifindex', 'link_index', 'tentative']);

/** Every address of the snapshot (`ip -j addr show`) with its interface's name. */
function addresses(s: Snapshot): { ifname: string; a: { [k: string]: Json } }[] {
  const out: { ifname: string; a: { [k: string]: Json } }[] = [];
  const addrs = parseJson(s.addresses);
  for (const i of Array.isArray(addrs) ? addrs : []) {
    if (!isObj(i) || typeof i.ifname !== 'string' || !Array.isArray(i.addr_info)) continue;
    for (const a of i.addr_info) if (isObj(a)) out.push({ ifname: i.ifname, a });
  }
  return out;
}

/** Every object of the snapshot as key → canonical value. */
export function normalise(s: Snapshot): Map<string, string> {
  const out = new Map<string, string>();
  const links = parseJson(s.links);
  for (const l of Array.isArray(links) ? links : []) {
    if (!isObj(l) || typeof l.ifname !== 'string') continue;
    out.set(`link ${l.ifname}`, canonical(withoutKeys(pick(l, LINK_KEYS), LIFETIMES)));
  }
  for (const { ifname, a } of addresses(s)) {
    out.set(`address ${String(a.local)}/${String(a.prefixlen)} on ${ifname}`, canonical(withoutKeys(a, LIFETIMES)));
  }
  for (const part of ['routes4', 'routes6'] as const) {
    const routes = parseJson(s[part]);
    for (const r of Array.isArray(routes) ? routes : []) {
      if (!isObj(r)) continue;
      const v = canonical(withoutKeys(r, LIFETIMES));
      out.set(`route ${routeLabel(r)} ${v}`, v);
    }
  }
  const nft = parseJson(s.nft);
  const items = isObj(nft) && Array.isArray(nft.nftables) ? nft.nftables : [];
  const tables = new Map<string, Json[]>();
  for (const item of items) {
    if (!isObj(item) || item.metainfo !== undefined) continue;
    const [kind] = Object.keys(item);
    const body = kind ? item[kind] : undefined;
    if (!kind || !isObj(body)) continue;
    const table = kind === 'table' ? `${String(body.family)} ${String(body.name)}` : `${String(body.family)} ${String(body.table)}`;
    const list = tables.get(table) ?? [];
    // Handles are renumbered whenever a table is re-created, and counters count traffic; the rest must match.
    list.push({ [kind]: withoutKeys(body, NFT_STATE) });
    tables.set(table, list);
  }
  for (const [t, list] of tables) out.set(`nft table ${t}`, canonical(list));
  for (const line of s.sysctl.split('\n')) {
    const m = /^\s*([\w.]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) out.set(`sysctl ${m[1]}`, m[2]!);
  }
  return out;
}

function routeLabel(r: { [k: string]: Json }): string {
  const w = [String(r.type ?? ''), String(r.dst ?? '?'), r.gateway ? `via ${String(r.gateway)}` : '', r.dev ? `dev ${String(r.dev)}` : '', r.table ? `table ${String(r.table)}` : ''];
  return w.filter(Boolean).join(' ');
}

export interface SnapshotDiff {
  identical: boolean;
  /**
   * What differs, e.g. "link ipoe0: present now, not before apply". `what` names the object in ip/nft words
   * ("link ipoe0", "nft table ip ipoe_doctor"), the same in every language.
   */
  differences: Message[];
  /** Differences that are expected and harmless (the kernel's fallback devices). */
  ignored: Message[];
}

/**
 * Addresses still in duplicate address detection. The kernel adds an address's `local` route (table local) only
 * once DAD has passed, 1–2 s after the address appears and longer on a loaded machine, so a snapshot taken right
 * after an interface came up (boot, or a tunnel re-created by the rollback) lacks it. The address itself is
 * compared either way; only its local route, which the kernel derives from it, is left out while it is pending.
 */
function dadPending(s: Snapshot): string[] {
  return addresses(s).flatMap(({ a }) => (a.tentative === true && typeof a.local === 'string' ? [a.local] : []));
}

const LOCAL_ROUTE = /^route local (\S+) .*table local/;

export function compareSnapshots(before: Snapshot, after: Snapshot): SnapshotDiff {
  const a = normalise(before);
  const b = normalise(after);
  const differences: Message[] = [];
  const ignored: Message[] = [];
  const label = (k: string) => (k.startsWith('route ') ? k.slice(0, k.indexOf(' {') > 0 ? k.indexOf(' {') : undefined) : k);
  const pending = new Set([...dadPending(before), ...dadPending(after)]);
  const inDad = (k: string) => pending.has(LOCAL_ROUTE.exec(k)?.[1] ?? '');
  for (const [k, v] of a) {
    if (!b.has(k) && inDad(k)) ignored.push(ceText('DIFF_DAD_PENDING', { what: label(k) }));
    else if (!b.has(k)) differences.push(ceText('DIFF_MISSING_NOW', { what: label(k) }));
    else if (b.get(k) !== v) differences.push(ceText('DIFF_CHANGED', { what: label(k), before: v, now: b.get(k)! }));
  }
  for (const k of b.keys()) {
    if (a.has(k)) continue;
    const fallback = /^link (\S+)$/.exec(k)?.[1];
    if (inDad(k)) ignored.push(ceText('DIFF_DAD_PENDING', { what: label(k) }));
    else if (fallback && FALLBACK_DEVICES.has(fallback)) ignored.push(ceText('DIFF_FALLBACK_DEVICE', { what: k }));
    else if (/^address .* on (\S+)$/.exec(k)?.[1] && FALLBACK_DEVICES.has(/ on (\S+)$/.exec(k)![1]!)) ignored.push(ceText('DIFF_ON_FALLBACK_DEVICE', { what: k }));
    else if (/^route .* dev (\S+)/.exec(k) && FALLBACK_DEVICES.has(/ dev (\S+)/.exec(k)![1]!)) ignored.push(ceText('DIFF_ON_FALLBACK_DEVICE', { what: label(k) }));
    else differences.push(ceText('DIFF_PRESENT_NOW', { what: label(k) }));
  }
  return { identical: differences.length === 0, differences, ignored };
}
