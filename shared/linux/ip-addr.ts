/**
 * `ip -6 addr` / `ip addr` text and `ip -j -6 addr` JSON. The CE address of a MAP-E/IPIP tunnel must be
 * configured on some interface, or the kernel never accepts the replies sent to it (CE_ADDRESS_NOT_ASSIGNED).
 */
import type { Evidence, ParseOptions } from './evidence.js';
import { arrayElementSpans, isObject, jsonEvidence, LinuxInputError, num, objList, parseJsonText, str } from './json-input.js';
import { cleanLines, indentOf, toInt, words } from './text.js';

export type Lifetime = number | 'forever';

export interface InterfaceAddress {
  ifname: string;
  ifindex: number | null;
  family: 'inet' | 'inet6';
  address: string;
  prefixLength: number;
  /** `inet 10.0.0.1 peer 10.0.0.2/32` */
  peer: string | null;
  scope: string | null;
  /** `dynamic`, `mngtmpaddr`, `noprefixroute`, `temporary`, `deprecated`, `tentative`, `dadfailed` … */
  flags: string[];
  /** Seconds, or `forever`. */
  validLifetime: Lifetime | null;
  preferredLifetime: Lifetime | null;
  /** IPv4 label (`eth0:1`), when printed. */
  label: string | null;
  evidence: Evidence;
}

export interface AddrInterface {
  name: string;
  index: number | null;
  flags: string[];
  up: boolean;
  mtu: number | null;
  state: string | null;
  evidence: Evidence;
}

export interface IpAddrResult {
  interfaces: AddrInterface[];
  addresses: InterfaceAddress[];
  unrecognised: number[];
}

const HEADER = /^(\d{1,10}):\s+([^\s:@]{1,64})(?:@[^\s:]{1,64})?:\s+<([^>]{0,400})>(.*)$/;
const ADDRESS_FLAGS = new Set([
  'dynamic',
  'mngtmpaddr',
  'noprefixroute',
  'temporary',
  'secondary',
  'primary',
  'deprecated',
  'tentative',
  'dadfailed',
  'nodad',
  'optimistic',
  'home',
  'autojoin',
  'stable-privacy',
]);
/** The kernel's "infinite" lifetime (0xffffffff) as `ip -j` prints it. */
const INFINITY_LIFETIME = 4294967295;

export function parseIpAddrText(output: string, opts: ParseOptions = {}): IpAddrResult {
  const command = opts.command ?? 'ip -6 addr';
  const interfaces: AddrInterface[] = [];
  const addresses: InterfaceAddress[] = [];
  const unrecognised: number[] = [];
  let iface: AddrInterface | null = null;
  let last: InterfaceAddress | null = null;
  for (const { line, text } of cleanLines(output, opts.firstLine)) {
    if (text.trim() === '') continue;
    const h = HEADER.exec(text);
    if (h) {
      const flags = h[3]!.split(',').filter((f) => f !== '');
      const rest = words(h[4]!);
      iface = {
        name: h[2]!,
        index: toInt(h[1]),
        flags,
        up: flags.includes('UP'),
        mtu: toInt(after(rest, 'mtu') ?? undefined),
        state: after(rest, 'state'),
        evidence: { command, lines: [line] },
      };
      interfaces.push(iface);
      last = null;
      continue;
    }
    const w = words(text);
    const first = w[0]!;
    if (iface && indentOf(text) > 0 && (first === 'inet' || first === 'inet6')) {
      last = addressFromWords(iface, first, w.slice(1), { command, lines: [line] });
      if (last) addresses.push(last);
      else unrecognised.push(line);
      continue;
    }
    if (last && indentOf(text) > 0 && first === 'valid_lft') {
      last.validLifetime = lifetime(w[1]);
      last.preferredLifetime = lifetime(after(w, 'preferred_lft') ?? undefined);
      last.evidence.lines?.push(line);
      continue;
    }
    // `link/ether …`, `altname …` and similar detail lines belong to the interface but carry nothing we need.
    if (iface && indentOf(text) > 0) continue;
    unrecognised.push(line);
  }
  return { interfaces, addresses, unrecognised };
}

function addressFromWords(iface: AddrInterface, family: 'inet' | 'inet6', w: string[], evidence: Evidence): InterfaceAddress | null {
  const [addressPart, lenPart] = splitPrefix(w[0] ?? '', family);
  if (addressPart === null) return null;
  const out: InterfaceAddress = {
    ifname: iface.name,
    ifindex: iface.index,
    family,
    address: addressPart,
    prefixLength: lenPart,
    peer: null,
    scope: null,
    flags: [],
    validLifetime: null,
    preferredLifetime: null,
    label: null,
    evidence,
  };
  for (let i = 1; i < w.length; i++) {
    const word = w[i]!;
    if (word === 'peer' && w[i + 1] !== undefined) {
      const [peer, len] = splitPrefix(w[++i]!, family);
      out.peer = peer;
      out.prefixLength = len;
    } else if (word === 'scope') out.scope = w[++i] ?? null;
    else if (word === 'brd' || word === 'metric' || word === 'proto') i++;
    else if (ADDRESS_FLAGS.has(word)) out.flags.push(word);
    else if (family === 'inet' && i === w.length - 1) out.label = word;
  }
  return out;
}

/** `2404::1/64` → [`2404::1`, 64]; a missing length means a host address. */
function splitPrefix(s: string, family: 'inet' | 'inet6'): [string | null, number] {
  const slash = s.indexOf('/');
  const addr = slash >= 0 ? s.slice(0, slash) : s;
  const ok = family === 'inet6' ? /^[0-9a-f:.]{2,45}$/i.test(addr) && addr.includes(':') : /^\d{1,3}(\.\d{1,3}){3}$/.test(addr);
  if (!ok) return [null, 0];
  const full = family === 'inet6' ? 128 : 32;
  const len = slash >= 0 ? toInt(s.slice(slash + 1)) : full;
  return [addr, len !== null && len <= full ? len : full];
}

function lifetime(s: string | undefined): Lifetime | null {
  if (s === undefined) return null;
  if (s === 'forever') return 'forever';
  return toInt(s.replace(/sec$/, ''));
}

function after(ws: readonly string[], key: string): string | null {
  const i = ws.indexOf(key);
  return i >= 0 ? (ws[i + 1] ?? null) : null;
}

export function parseIpAddrJson(output: string, opts: ParseOptions = {}): IpAddrResult {
  const command = opts.command ?? 'ip -j -6 addr';
  const data = parseJsonText(output, command);
  if (!Array.isArray(data)) {
    throw new LinuxInputError('unexpected-json', `The output of \`${command}\` is JSON but not the list of interfaces \`ip -j addr\` prints.`);
  }
  const spans = arrayElementSpans(output, 1, opts.firstLine);
  const interfaces: AddrInterface[] = [];
  const addresses: InterfaceAddress[] = [];
  data.forEach((item: unknown, index) => {
    if (!isObject(item)) return;
    const name = str(item, 'ifname');
    // `ip -j addr` prints `{}` for interfaces filtered out by -6; skip them.
    if (name === null) return;
    const evidence = jsonEvidence(command, index, spans);
    const flags = Array.isArray(item.flags) ? item.flags.filter((f): f is string => typeof f === 'string') : [];
    interfaces.push({ name, index: num(item, 'ifindex'), flags, up: flags.includes('UP'), mtu: num(item, 'mtu'), state: str(item, 'operstate'), evidence });
    for (const a of objList(item.addr_info)) {
      const family = str(a, 'family');
      const local = str(a, 'local');
      if ((family !== 'inet' && family !== 'inet6') || local === null) continue;
      const full = family === 'inet6' ? 128 : 32;
      addresses.push({
        ifname: name,
        ifindex: num(item, 'ifindex'),
        family,
        address: local,
        prefixLength: num(a, 'prefixlen') ?? full,
        peer: str(a, 'address'),
        scope: str(a, 'scope'),
        flags: [...ADDRESS_FLAGS].filter((f) => a[f] === true),
        validLifetime: jsonLifetime(num(a, 'valid_life_time')),
        preferredLifetime: jsonLifetime(num(a, 'preferred_life_time')),
        label: str(a, 'label'),
        evidence,
      });
    }
  });
  return { interfaces, addresses, unrecognised: [] };
}

function jsonLifetime(v: number | null): Lifetime | null {
  if (v === null) return null;
  return v >= INFINITY_LIFETIME ? 'forever' : v;
}
