/**
 * The PC's default gateways, IPv4 and IPv6 (on an NGN home LAN the IPv6 one is the router's link-local address,
 * learned from its Router Advertisements). Read from the system's own tables: /proc on Linux, `netstat -rn` on
 * macOS, `route print` on Windows. Only the routing table is read; nothing is sent.
 */
import { readFile } from 'node:fs/promises';
import { systemOutput } from './system-command.js';

export interface Gateway {
  family: 4 | 6;
  /** Connectable as written: an IPv6 link-local address carries its zone (`fe80::1%eth0`). */
  address: string;
  interface: string | null;
}


export async function defaultGateways(platform: NodeJS.Platform = process.platform): Promise<Gateway[]> {
  if (platform === 'linux') {
    const [v4, v6] = await Promise.all([readFile('/proc/net/route', 'utf8').catch(() => ''), readFile('/proc/net/ipv6_route', 'utf8').catch(() => '')]);
    return unique([...parseProcRoute(v4), ...parseProcIpv6Route(v6)]);
  }
  if (platform === 'darwin') {
    const [v4, v6] = await Promise.all([systemOutput('netstat', ['-rn', '-f', 'inet']), systemOutput('netstat', ['-rn', '-f', 'inet6'])]);
    return unique(parseNetstatDefaults(v4 + '\n' + v6));
  }
  if (platform === 'win32') {
    const [v4, v6] = await Promise.all([systemOutput('route', ['print', '-4']), systemOutput('route', ['print', '-6'])]);
    return unique([...parseWindowsRoutes4(v4), ...parseWindowsRoutes6(v6)]);
  }
  return [];
}

function unique(list: Gateway[]): Gateway[] {
  return [...new Map(list.map((g) => [g.address.toLowerCase(), g])).values()];
}

/** Linux /proc/net/route: default routes (destination and mask 0) with the gateway flag; addresses little-endian hex. */
export function parseProcRoute(text: string): Gateway[] {
  const out: Gateway[] = [];
  for (const line of text.split('\n').slice(1)) {
    const [iface, dest, gw, flags, , , , mask] = line.trim().split(/\s+/);
    if (!iface || dest !== '00000000' || mask !== '00000000' || !gw || gw === '00000000') continue;
    if ((parseInt(flags ?? '0', 16) & 0x3) !== 0x3) continue; // RTF_UP | RTF_GATEWAY
    const n = parseInt(gw, 16);
    out.push({ family: 4, address: [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24].join('.'), interface: iface });
  }
  return out;
}

/** Linux /proc/net/ipv6_route: `::/0` with a next hop (the RA router), not the loopback's reject route. */
export function parseProcIpv6Route(text: string): Gateway[] {
  const out: Gateway[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [dest, len, , , next, , , , flags, iface] = f;
    if (!/^0{32}$/.test(dest!) || len !== '00' || /^0{32}$/.test(next!) || iface === 'lo') continue;
    if (parseInt(flags!, 16) & 0x0200) continue; // RTF_REJECT
    const addr = compressIpv6(next!.match(/.{4}/g)!.join(':'));
    out.push({ family: 6, address: addr.startsWith('fe80:') ? `${addr}%${iface}` : addr, interface: iface ?? null });
  }
  return out;
}

/** macOS `netstat -rn`: the `default` rows of both tables. */
export function parseNetstatDefaults(text: string): Gateway[] {
  const out: Gateway[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== 'default' || !f[1] || !/G/.test(f[2] ?? '')) continue;
    const family = f[1].includes(':') ? 6 : 4;
    if (family === 4 && !/^\d+\.\d+\.\d+\.\d+$/.test(f[1])) continue;
    out.push({ family, address: f[1], interface: f[3] ?? null });
  }
  return out;
}

/** Windows `route print -4`: rows `0.0.0.0 0.0.0.0 <gateway> <interface address> <metric>`. */
export function parseWindowsRoutes4(text: string): Gateway[] {
  const out: Gateway[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === '0.0.0.0' && f[1] === '0.0.0.0' && /^\d+\.\d+\.\d+\.\d+$/.test(f[2] ?? '')) out.push({ family: 4, address: f[2]!, interface: f[3] ?? null });
  }
  return out;
}

/** Windows `route print -6`: rows `<if> <metric> ::/0 <gateway>`; a link-local gateway gets the interface index as zone. */
export function parseWindowsRoutes6(text: string): Gateway[] {
  const out: Gateway[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length >= 4 && /^\d+$/.test(f[0]!) && f[2] === '::/0' && f[3] !== 'On-link') {
      const gw = f[3]!;
      out.push({ family: 6, address: gw.toLowerCase().startsWith('fe80:') && !gw.includes('%') ? `${gw}%${f[0]}` : gw, interface: f[0]! });
    }
  }
  return out;
}

/** RFC 5952 text of a full 8-group IPv6 address. */
function compressIpv6(full: string): string {
  const groups = full.split(':').map((g) => g.replace(/^0+(?=.)/, '').toLowerCase());
  let best = { at: -1, len: 0 };
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}
