/**
 * `ping` and `ping6` on the twin. The result of each echo comes from the world: IPv4 to the Internet goes
 * out the default route's tunnel (TX always moves when the tunnel can send; RX only when the provider
 * answers), and the reply must then pass the tunnel's IPv4 secure filter in (world.ts, ipv4ReplyPasses).
 *
 * Output format: UNCONFIRMED. No public capture of RTX `ping` output was found, so the twin prints the
 * common BSD form (`received from X: icmp_seq=0 ttl=57 time=5.123ms`, then
 * `3 packets transmitted, 3 packets received, 0.0% packet loss`). Readers should key on the summary line.
 */
import { Address4, Address6 } from 'ip-address';
import { evaluateFilters, hostPart } from './packet-filter.js';
import type { TwinNetwork } from './twin-network.js';
import { ipv4ReplyPasses } from './world.js';

export interface PingRequest {
  family: 'ipv4' | 'ipv6';
  host: string;
  count: number;
  /** ICMP data bytes. */
  size: number;
}

export interface PingResult {
  /** Printed before the echoes (a name: what it resolved to). */
  header?: string[];
  /** One entry per echo: the reply line, or null when nothing came back. */
  replies: (string | null)[];
  summary: string[];
  /** The console error instead of a ping (a name that does not resolve). */
  error?: 'cannotResolve';
}

/** A host name (`gw.transix.jp`): ping6 resolves it through the line's DNS (dns.ts); its output format is the twin's. */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/** `ping [-c N] [-s SIZE] [-w W] [-i I] [-sa SRC] HOST` → request, or an error kind. */
export function parsePingArgs(family: 'ipv4' | 'ipv6', args: string[]): PingRequest | 'parameterCount' | 'outOfRange' | 'unrecognizedAddress' {
  let count = 3;
  let size = 56;
  let host: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      const v = args[++i];
      if (v === undefined) return 'parameterCount';
      if (a === '-c') {
        if (!/^\d+$/.test(v) || +v < 1 || +v > 65535) return 'outOfRange';
        count = +v;
      } else if (a === '-s') {
        if (!/^\d+$/.test(v) || +v > 65535) return 'outOfRange';
        size = +v;
      }
      continue;
    }
    if (host !== null) return 'parameterCount';
    host = a;
  }
  if (host === null) return 'parameterCount';
  const name = family === 'ipv6' && HOST_NAME.test(host) && !Address6.isValid(host);
  if (!name && (family === 'ipv4' ? !Address4.isValid(host) || host.includes('/') : !Address6.isValid(host) || host.includes('/'))) {
    return 'unrecognizedAddress';
  }
  return { family, host, count, size };
}

function replyLine(host: string, seq: number, ttl: number, baseMs: number): string {
  // Deterministic round-trip times so tests and screenshots are stable.
  const ms = baseMs + ((seq * 137) % 500) / 1000;
  return `received from ${host}: icmp_seq=${seq} ttl=${ttl} time=${ms.toFixed(3)}ms`;
}

function summary(count: number, replies: (string | null)[]): string[] {
  const got = replies.filter((r) => r !== null).length;
  const loss = ((count - got) / count) * 100;
  const out = ['', `${count} packets transmitted, ${got} packets received, ${loss.toFixed(1)}% packet loss`];
  if (got > 0) {
    const times = replies.filter((r): r is string => r !== null).map((r) => Number(/time=([\d.]+)ms/.exec(r)![1]));
    const avg = times.reduce((s, x) => s + x, 0) / times.length;
    out.push(`round-trip min/avg/max = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)} ms`);
  }
  return out;
}

function inSubnet4(host: string, cidr: string): boolean {
  try {
    return new Address4(host).isInSubnet(new Address4(cidr));
  } catch {
    return false;
  }
}

export function runPing(net: TwinNetwork, req: PingRequest): PingResult {
  return req.family === 'ipv4' ? ping4(net, req) : ping6(net, req);
}

function ping4(net: TwinNetwork, req: PingRequest): PingResult {
  const cfg = net.config();
  const world = net.state();
  const replies: (string | null)[] = [];
  const lanClients = new Set(net.lanClientAddresses());
  // On a LAN: the router itself and the scenario's LAN clients answer.
  for (const i of Object.values(cfg.interfaces)) {
    const v = i.ipAddress?.value;
    if (!v || !/^\d/.test(v) || !inSubnet4(req.host, v)) continue;
    const self = hostPart(v) === req.host;
    const answers = self || lanClients.has(req.host);
    for (let s = 0; s < req.count; s++) replies.push(answers ? replyLine(req.host, s, self ? 255 : 64, self ? 0.05 : 0.4) : null);
    return { replies, summary: summary(req.count, replies) };
  }
  const route = cfg.routes.find((r) => r.family === 'ipv4' && r.destination === 'default' && r.gateway.kind === 'tunnel');
  const tunnel = route ? world.tunnels.find((t) => t.id === Number(route.gateway.value)) : undefined;
  for (let s = 0; s < req.count; s++) {
    if (!tunnel) {
      replies.push(null);
      continue;
    }
    const { answered } = net.count(tunnel, 1, 20 + 8 + req.size);
    const from = world.routerLanIpv4 ?? tunnel.natOuter ?? '0.0.0.0';
    const passes = answered && ipv4ReplyPasses(cfg, tunnel.id, req.host, from).pass;
    replies.push(passes ? replyLine(req.host, s, 57, 5.1) : null);
  }
  return { replies, summary: summary(req.count, replies) };
}

function inSubnet6(host: string, prefix: string): boolean {
  try {
    return new Address6(host).isInSubnet(new Address6(prefix));
  } catch {
    return false;
  }
}

function ping6(net: TwinNetwork, request: PingRequest): PingResult {
  let req = request;
  let header: string[] | undefined;
  if (!Address6.isValid(req.host)) {
    const r = net.resolve(req.host);
    if (!r.address) return { replies: [], summary: [], error: 'cannotResolve' };
    // The BSD form names the target and what it resolved to (unconfirmed for RTX, like the rest of ping's output).
    header = [`PING6 ${req.host} (${r.address}): ${req.size} data bytes`];
    req = { ...req, host: r.address };
  }
  const cfg = net.config();
  const world = net.state();
  const replies: (string | null)[] = [];
  const own = world.addresses.some((a) => new Address6(a.address).bigInt() === new Address6(req.host).bigInt());
  const source = world.addresses[0]?.address ?? null;
  const unreachable = net.ipv6Unreachable().some((p) => inSubnet6(req.host, p));
  const inFilter = evaluateFilters(cfg.interfaces[world.wan]?.ipv6FilterIn ?? null, cfg.ipv6Filters, {
    family: 'ipv6', source: req.host, destination: source ?? '::', protocol: 58,
  });
  const answers = own || (source !== null && !unreachable && inFilter.pass);
  for (let s = 0; s < req.count; s++) replies.push(answers ? replyLine(req.host, s, own ? 64 : 58, own ? 0.05 : 4.2) : null);
  return { ...(header ? { header } : {}), replies, summary: summary(req.count, replies) };
}
