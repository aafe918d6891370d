/**
 * The MAC address behind an address, from the system's neighbour tables (ARP for IPv4, NDP for IPv6), after the
 * port probes have talked to it. For an IPv6 link-local address in modified EUI-64 form, the MAC is in the address
 * itself (RFC 4291 Appendix A), which needs no table at all.
 */
import { readFile } from 'node:fs/promises';
import { systemOutput } from './system-command.js';
import { normaliseMac } from './yamaha-oui.js';

export interface Neighbour {
  address: string;
  mac: string;
}


export async function neighbourTable(platform: NodeJS.Platform = process.platform): Promise<Neighbour[]> {
  if (platform === 'linux') {
    const [arp, ndp] = await Promise.all([readFile('/proc/net/arp', 'utf8').catch(() => ''), systemOutput('ip', ['-6', 'neigh', 'show'])]);
    return [...parseProcArp(arp), ...parseIpNeigh(ndp)];
  }
  if (platform === 'darwin') {
    const [arp, ndp] = await Promise.all([systemOutput('arp', ['-an']), systemOutput('ndp', ['-an'])]);
    return [...parseBsdArp(arp), ...parseNdp(ndp)];
  }
  if (platform === 'win32') {
    const [arp, ndp] = await Promise.all([systemOutput('arp', ['-a']), systemOutput('netsh', ['interface', 'ipv6', 'show', 'neighbors'])]);
    return [...parseWindowsArp(arp), ...parseWindowsArp(ndp)];
  }
  return [];
}

const withMac = (address: string, raw: string | undefined): Neighbour[] => {
  const mac = raw ? normaliseMac(raw) : null;
  return mac && mac !== '00:00:00:00:00:00' && mac !== 'ff:ff:ff:ff:ff:ff' ? [{ address: address.toLowerCase(), mac }] : [];
};

/** Linux /proc/net/arp: complete entries (flag 0x2). */
export function parseProcArp(text: string): Neighbour[] {
  return text
    .split('\n')
    .slice(1)
    .flatMap((line) => {
      const [ip, , flags, mac] = line.trim().split(/\s+/);
      return ip && (parseInt(flags ?? '0', 16) & 0x2) ? withMac(ip, mac) : [];
    });
}

/** `ip -6 neigh show`: `fe80::1 dev eth0 lladdr 00:a0:de:… router REACHABLE`; the link-local one gets its zone. */
export function parseIpNeigh(text: string): Neighbour[] {
  return text.split('\n').flatMap((line) => {
    const m = /^(\S+)\s+dev\s+(\S+)\s+lladdr\s+(\S+)/.exec(line.trim());
    if (!m) return [];
    return withMac(m[1]!.startsWith('fe80:') ? `${m[1]}%${m[2]}` : m[1]!, m[3]);
  });
}

/** macOS `arp -an`: `? (192.168.1.1) at 0:a0:de:1:2:3 on en0 ifscope [ethernet]`. */
export function parseBsdArp(text: string): Neighbour[] {
  return text.split('\n').flatMap((line) => {
    const m = /\((\d+\.\d+\.\d+\.\d+)\) at ([0-9a-f:]+)/i.exec(line);
    return m ? withMac(m[1]!, m[2]) : [];
  });
}

/** macOS `ndp -an`: `fe80::1%en0  0:a0:de:1:2:3  en0 …`. */
export function parseNdp(text: string): Neighbour[] {
  return text.split('\n').flatMap((line) => {
    const f = line.trim().split(/\s+/);
    return f.length >= 2 && f[0]!.includes(':') ? withMac(f[0]!, f[1]) : [];
  });
}

/** Windows `arp -a` and `netsh interface ipv6 show neighbors`: an address, then `00-a0-de-…`. */
export function parseWindowsArp(text: string): Neighbour[] {
  return text.split('\n').flatMap((line) => {
    const m = /^\s*([0-9a-f.:]+(?:%\d+)?)\s+([0-9a-f]{2}(?:-[0-9a-f]{2}){5})\b/i.exec(line);
    return m ? withMac(m[1]!, m[2]) : [];
  });
}

/** The MAC inside a modified-EUI-64 link-local address (`fe80::fa0f:6fff:fe4b:714b` → f8:0f:6f:4b:71:4b), or null. */
export function macFromEui64(address: string): string | null {
  const m = /^fe80::([0-9a-f]{1,4}):([0-9a-f]{1,4}):([0-9a-f]{1,4}):([0-9a-f]{1,4})(?:%.*)?$/i.exec(address.trim());
  if (!m) return null;
  const bytes = m.slice(1, 5).flatMap((g) => {
    const n = parseInt(g!, 16);
    return [n >> 8, n & 0xff];
  });
  if (bytes[3] !== 0xff || bytes[4] !== 0xfe) return null;
  const mac = [bytes[0]! ^ 0x02, bytes[1]!, bytes[2]!, bytes[5]!, bytes[6]!, bytes[7]!];
  return mac.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
