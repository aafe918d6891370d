/**
 * A home line made of network namespaces, for the line check: `pc` (the user's computer) behind `rt` (the router,
 * which also stands for the NGN: dnsmasq gives the IPv6 prefix by RA with RDNSS, answers DNS, and holds the BR/AFTR
 * address on its loopback — no ip6tnl on this host, the BR is just an address), and `inet` (an IPv4 "Internet"
 * host behind a 1460-byte link, as a tunnel would leave it, for the DF path-MTU probes). The PC's resolv.conf
 * (/etc/netns/<pc>/resolv.conf, which `ip netns exec` mounts) names the router, as DHCPv4 would.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LineLabOptions {
  /** The /64 the RA hands out (`240b:11:b901:1800::`); none: a line with no IPv6. */
  prefix?: string;
  /** Addresses the router holds on its loopback (the BR, the AFTR). */
  endpoints?: string[];
  /** AAAA/A records the line's DNS answers. */
  hosts?: Record<string, string>;
}

export interface LineLab {
  pc: string;
  inPc: string[];
  /** Runs a command in the PC's namespace; its stdout (throws on a non-zero exit). */
  runInPc(...cmd: string[]): string;
  /** The line DNS server the RA names (the router's global address), when there is IPv6. */
  dns: string | null;
  destroy(): Promise<void>;
}

export const INTERNET_HOST = '203.0.113.10';
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
const inNs = (ns: string, ...cmd: string[]) => execFileSync('ip', ['netns', 'exec', ns, ...cmd], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`line lab: ${what} did not happen`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function makeLineLab(o: LineLabOptions): Promise<LineLab> {
  const tag = randomBytes(3).toString('hex');
  const pc = `ipoe-lc-pc-${tag}`;
  const rt = `ipoe-lc-rt-${tag}`;
  const inet = `ipoe-lc-in-${tag}`;
  const dir = mkdtempSync(join(tmpdir(), 'line-lab-'));
  const netnsEtc = `/etc/netns/${pc}`;
  let dnsmasq: ChildProcess | null = null;
  const destroy = async () => {
    if (dnsmasq && dnsmasq.exitCode === null && dnsmasq.signalCode === null) {
      const gone = new Promise((r) => dnsmasq!.once('exit', r));
      dnsmasq.kill('SIGTERM');
      await gone;
    }
    for (const ns of [pc, rt, inet]) {
      try {
        ip('netns', 'delete', ns);
      } catch {
        /* already gone */
      }
    }
    rmSync(netnsEtc, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const ns of [pc, rt, inet]) ip('netns', 'add', ns);
    ip('-n', pc, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'lan0', 'netns', rt);
    ip('-n', rt, 'link', 'add', 'wan0', 'mtu', '1460', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', inet);
    ip('-n', inet, 'link', 'set', 'eth0', 'mtu', '1460');
    for (const ns of [pc, rt, inet]) {
      inNs(ns, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    inNs(pc, 'sysctl', '-q', '-w', 'net.ipv6.conf.eth0.accept_dad=0');
    // The router forwards IPv6 as a real one does. A host-mode router answers the PC's neighbour probes without the
    // Router flag, and the PC's kernel then drops its RA default route until the next RA (RFC 4861 7.2.5): the check
    // saw 'Network is unreachable' in about one run in ten.
    inNs(rt, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1', 'net.ipv6.conf.lan0.accept_dad=0');
    ip('-n', rt, 'addr', 'add', '192.168.100.1/24', 'dev', 'lan0');
    ip('-n', rt, 'addr', 'add', '198.51.100.1/30', 'dev', 'wan0');
    ip('-n', inet, 'addr', 'add', '198.51.100.2/30', 'dev', 'eth0');
    ip('-n', inet, 'addr', 'add', `${INTERNET_HOST}/32`, 'dev', 'lo');
    ip('-n', pc, 'addr', 'add', '192.168.100.2/24', 'dev', 'eth0');
    for (const [ns, dev] of [[rt, 'lan0'], [rt, 'wan0'], [inet, 'eth0']] as const) ip('-n', ns, 'link', 'set', dev, 'up');
    ip('-n', rt, 'route', 'add', `${INTERNET_HOST}/32`, 'via', '198.51.100.2');
    ip('-n', inet, 'route', 'add', 'default', 'via', '198.51.100.1');
    const dns = o.prefix ? `${o.prefix}1` : null;
    if (dns) ip('-n', rt, 'addr', 'add', `${dns}/64`, 'dev', 'lan0');
    for (const e of o.endpoints ?? []) ip('-n', rt, 'addr', 'add', `${e}/128`, 'dev', 'lo');
    mkdirSync(netnsEtc, { recursive: true });
    writeFileSync(join(netnsEtc, 'resolv.conf'), 'nameserver 192.168.100.1\n');
    const conf = join(dir, 'dnsmasq.conf');
    writeFileSync(
      conf,
      [
        'no-resolv', 'no-hosts', 'interface=lan0', 'bind-interfaces', 'keep-in-foreground', 'log-facility=-', `dhcp-leasefile=${join(dir, 'leases')}`, 'pid-file=',
        // No provisioning record here (HB46PP answers NXDOMAIN), and nothing else is known: authoritative NXDOMAIN.
        'local=/4over6.info/',
        ...Object.entries(o.hosts ?? {}).map(([n, a]) => `host-record=${n},${a}`),
        // A router lifetime far beyond the suite: the default route never lapses between two RAs on a busy machine.
        ...(o.prefix ? ['enable-ra', `dhcp-range=${o.prefix},ra-only,64,1h`, `dhcp-option=option6:dns-server,[${dns}]`, 'ra-param=lan0,10,1800'] : []),
        '',
      ].join('\n'),
    );
    dnsmasq = spawn('ip', ['netns', 'exec', rt, 'dnsmasq', '-C', conf], { stdio: 'ignore' });
    await until('dnsmasq listening', () => inNs(rt, 'ss', '-Hlnu', 'sport = :53').trim() !== '');
    ip('-n', pc, 'link', 'set', 'eth0', 'up');
    ip('-n', pc, 'route', 'add', 'default', 'via', '192.168.100.1');
    if (o.prefix) await until('SLAAC address and RA default route on the PC', () => /global/.test(inNs(pc, 'ip', '-6', 'addr', 'show', 'dev', 'eth0', 'scope', 'global')) && /proto ra/.test(inNs(pc, 'ip', '-6', 'route', 'show', 'default')));
    return { pc, inPc: ['ip', 'netns', 'exec', pc], runInPc: (...cmd) => inNs(pc, ...cmd), dns, destroy };
  } catch (err) {
    await destroy();
    throw err;
  }
}
