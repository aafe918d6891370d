/**
 * `ip -d link show` (also `ip link`, `ip -s link`) in text and `ip -j -d link show` JSON.
 * Gives every interface's state and MTU, and for ip6tnl tunnels their endpoints and encaplimit.
 */
import { spanEvidence, type Evidence, type ParseOptions } from './evidence.js';
import { arrayElementSpans, isObject, jsonEvidence, LinuxInputError, num, objList, parseJsonText, str, strList, type Json } from './json-input.js';
import { cleanLines, indentOf, toInt, words } from './text.js';
import { emptyTunnelParams, endpoint, readTunnelWords, tunnelMode, type TunnelParams } from './tunnel-params.js';

/** Interface counters from `ip -s link` / `stats64`. A tunnel with TX and no RX is the classic MAP-E symptom. */
export interface LinkStats {
  rxBytes: number | null;
  rxPackets: number | null;
  txBytes: number | null;
  txPackets: number | null;
}

export interface LinkInfo {
  index: number | null;
  name: string;
  /** `mape@eth1`: the underlying (or veth peer) device; `NONE` is kept as null. */
  parent: string | null;
  flags: string[];
  /** Administratively up (`UP` flag). */
  up: boolean;
  /** Carrier (`LOWER_UP`). */
  lowerUp: boolean;
  operState: string | null;
  mtu: number | null;
  /** `ether`, `tunnel6`, `loopback`, `none` … (from `link/…`). */
  linkType: string | null;
  /** `ip -d` kind: `ip6tnl`, `veth`, `vlan`, `sit` … */
  kind: string | null;
  /** ip6tnl parameters (only with `-d`). */
  tunnel: TunnelParams | null;
  stats: LinkStats | null;
  evidence: Evidence;
}

export interface IpLinkResult {
  links: LinkInfo[];
  /** Non-blank lines that were not understood (a sign the text is not `ip link` output). */
  unrecognised: number[];
}

const COMMAND = 'ip -d link show';
/** `5: mape@eth1: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1452 …` (names cannot hold `:` or spaces). */
const HEADER = /^(\d{1,10}):\s+([^\s:@]{1,64})(?:@([^\s:]{1,64}))?:\s+<([^>]{0,400})>(.*)$/;
/** Words starting a detail line that are not an interface kind. */
const NOT_A_KIND = new Set(['addrgenmode', 'altname', 'alias', 'prop', 'vf', 'RX:', 'TX:', 'RX', 'TX', 'inet', 'inet6', 'valid_lft']);

export function parseIpLinkText(output: string, opts: ParseOptions = {}): IpLinkResult {
  const command = opts.command ?? COMMAND;
  const links: LinkInfo[] = [];
  const unrecognised: number[] = [];
  let current: LinkInfo | null = null;
  let lastLine = 0;
  let sawLinkLine = false;
  let pendingStats: { dir: 'rx' | 'tx'; names: string[] } | null = null;
  const close = (): void => {
    if (current && current.evidence.lines) current.evidence = spanEvidence(command, current.evidence.lines[0]!, lastLine);
  };
  for (const { line, text } of cleanLines(output, opts.firstLine)) {
    if (text.trim() === '') continue;
    const h = HEADER.exec(text);
    if (h) {
      close();
      const flags = h[4]!.split(',').filter((f) => f !== '');
      const rest = words(h[5]!);
      const parent = h[3] && h[3] !== 'NONE' ? h[3] : null;
      current = {
        index: toInt(h[1]),
        name: h[2]!,
        parent,
        flags,
        up: flags.includes('UP'),
        lowerUp: flags.includes('LOWER_UP'),
        operState: valueAfter(rest, 'state'),
        mtu: toInt(valueAfter(rest, 'mtu') ?? undefined),
        linkType: null,
        kind: null,
        tunnel: null,
        stats: null,
        evidence: { command, lines: [line] },
      };
      links.push(current);
      lastLine = line;
      sawLinkLine = false;
      pendingStats = null;
      continue;
    }
    if (!current || indentOf(text) === 0) {
      unrecognised.push(line);
      continue;
    }
    lastLine = line;
    const w = words(text);
    const first = w[0]!;
    if (pendingStats) {
      readStats(current, pendingStats, w);
      pendingStats = null;
      continue;
    }
    if (first === 'RX:' || first === 'TX:') {
      pendingStats = { dir: first === 'RX:' ? 'rx' : 'tx', names: w.slice(1) };
      continue;
    }
    if (first.startsWith('link/')) {
      current.linkType = first.slice(5);
      sawLinkLine = true;
      continue;
    }
    if (sawLinkLine && current.kind === null && !NOT_A_KIND.has(first) && /^[a-z][a-z0-9_]{0,30}$/.test(first)) {
      current.kind = first;
      if (first === 'ip6tnl') {
        const t = emptyTunnelParams();
        if (w[1] !== undefined) {
          t.modeRaw = w[1];
          t.mode = tunnelMode(w[1]);
        }
        readTunnelWords(w.slice(2), t);
        current.tunnel = t;
      }
    }
  }
  close();
  return { links, unrecognised };
}

function valueAfter(ws: readonly string[], key: string): string | null {
  const i = ws.indexOf(key);
  return i >= 0 ? (ws[i + 1] ?? null) : null;
}

function readStats(link: LinkInfo, header: { dir: 'rx' | 'tx'; names: string[] }, values: string[]): void {
  const stats = (link.stats ??= { rxBytes: null, rxPackets: null, txBytes: null, txPackets: null });
  const bytes = toInt(values[header.names.indexOf('bytes')]);
  const packets = toInt(values[header.names.indexOf('packets')]);
  if (header.dir === 'rx') {
    stats.rxBytes = bytes;
    stats.rxPackets = packets;
  } else {
    stats.txBytes = bytes;
    stats.txPackets = packets;
  }
}

export function parseIpLinkJson(output: string, opts: ParseOptions = {}): IpLinkResult {
  const command = opts.command ?? 'ip -j -d link show';
  const data = parseJsonText(output, command);
  if (!Array.isArray(data)) {
    throw new LinuxInputError('unexpected-json', `The output of \`${command}\` is JSON but not the list of interfaces \`ip -j link\` prints.`);
  }
  const spans = arrayElementSpans(output, 1, opts.firstLine);
  const links: LinkInfo[] = [];
  data.forEach((item: unknown, index) => {
    if (!isObject(item)) return;
    const name = str(item, 'ifname');
    if (name === null) return;
    const flags = strList(item, 'flags');
    const linkinfo = isObject(item.linkinfo) ? item.linkinfo : null;
    const kind = linkinfo ? str(linkinfo, 'info_kind') : null;
    const parent = str(item, 'link');
    links.push({
      index: num(item, 'ifindex'),
      name,
      parent: parent === 'NONE' ? null : parent,
      flags,
      up: flags.includes('UP'),
      lowerUp: flags.includes('LOWER_UP'),
      operState: str(item, 'operstate'),
      mtu: num(item, 'mtu'),
      linkType: str(item, 'link_type'),
      kind,
      tunnel: kind === 'ip6tnl' && linkinfo && isObject(linkinfo.info_data) ? tunnelFromJson(linkinfo.info_data) : null,
      stats: statsFromJson(item),
      evidence: jsonEvidence(command, index, spans),
    });
  });
  return { links, unrecognised: [] };
}

/** `info_data` of an ip6tnl (keys from iproute2 link_ip6tnl.c). */
export function tunnelFromJson(d: Json): TunnelParams {
  const t = emptyTunnelParams();
  const proto = str(d, 'proto');
  if (proto !== null) {
    t.modeRaw = proto;
    t.mode = tunnelMode(proto);
  }
  const remote = str(d, 'remote');
  const local = str(d, 'local');
  t.remote = remote === null ? null : endpoint(remote);
  t.local = local === null ? null : endpoint(local);
  t.dev = str(d, 'link');
  if (d.ip6_tnl_f_ign_encap_limit === true || d.ip6_tnl_f_ign_encap_limit === null) t.encapLimit = 'none';
  else t.encapLimit = num(d, 'encap_limit');
  const ttl = num(d, 'ttl');
  t.hopLimit = ttl === 0 ? 'inherit' : ttl;
  t.tclass = str(d, 'tclass');
  t.flowlabel = str(d, 'flowlabel');
  if (d.ip6_tnl_f_rcv_dscp_copy !== undefined) t.flags.push('dscp-inherit');
  if (d.ip6_tnl_f_mip6_dev !== undefined) t.flags.push('mip6');
  if (d.ip6_tnl_f_allow_local_remote !== undefined) t.flags.push('allow-localremote');
  if (d.external === true) t.flags.push('external');
  return t;
}

function statsFromJson(item: Json): LinkStats | null {
  const s = isObject(item.stats64) ? item.stats64 : isObject(item.stats) ? item.stats : null;
  if (!s) return null;
  const [rx] = objList([s.rx]);
  const [tx] = objList([s.tx]);
  return {
    rxBytes: rx ? num(rx, 'bytes') : null,
    rxPackets: rx ? num(rx, 'packets') : null,
    txBytes: tx ? num(tx, 'bytes') : null,
    txPackets: tx ? num(tx, 'packets') : null,
  };
}
