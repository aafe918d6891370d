/**
 * What detection found, interpreted from the raw command outputs (pure, so fixtures can test it). Every gap is
 * a message that says what is missing and a hint that says how to get it, both as catalog codes
 * (`linuxCe.GAP_*`, `linuxCe.HINT_*` in shared/i18n), which the UI and the CLI render.
 */
import type { Message } from '../i18n/message.js';
import { ceText } from './datapath/text.js';
import { TUNNEL, UP_SCRIPT_FILE } from './datapath/names.js';
import { ngnRegionOf, type NgnRegion } from './datapath/line-dns.js';
import { parseIpAddrJson, parseIpRouteJson, parseIpTunnelText, type InterfaceAddress, type Route, type TunnelShowEntry } from './index.js';
import { formatIpv6, parseIpv6Input, prefixMask } from '../mape/ipv6-input.js';

export type GapCode =
  | 'NOT_ROOT'
  | 'IPROUTE2_MISSING'
  | 'IP6TNL_MISSING'
  | 'IP6TNL_UNTESTED'
  | 'NFT_MISSING'
  | 'NFT_NAT_UNSUPPORTED'
  | 'NO_IPV6_DEFAULT_ROUTE'
  | 'NO_GLOBAL_PREFIX'
  | 'NO_DNS'
  | 'CURL_MISSING'
  | 'PING_MISSING'
  | 'NO_SYSTEMD'
  | 'EXISTING_TUNNEL';

export interface Gap {
  code: GapCode;
  /** blocker: apply cannot work until it is fixed; warning: something is limited. */
  severity: 'blocker' | 'warning';
  message: Message;
  hint: Message;
}

export interface PrefixFact {
  /** The prefix, e.g. 2404:7a82:4d02:4100::/56 (PD) or …::/64 (RA). */
  prefix: string;
  source: 'ra' | 'pd' | 'static';
  /** What told us (an address and its flags, a route, a lease file line). */
  evidence: string;
}

export interface HostFacts {
  os: { prettyName: string; id: string; versionId: string } | null;
  kernel: string | null;
  root: boolean;
  /** with-password: sudo accepted the password the user gave for this session. */
  sudo: 'not-needed' | 'passwordless' | 'with-password' | 'needs-password' | 'missing';
  /** Tool name → path, for the tools found. */
  tools: Record<string, string>;
  /** iproute2's `ip` (not busybox's applet), by full path. */
  iproute2: string | null;
  systemd: boolean;
  ip6tnl: 'ok' | 'missing' | 'untested';
  ip6tnlDetail: string;
  nftNat: 'ok' | 'failed' | 'untested';
  wan: string | null;
  gateway: string | null;
  prefix: PrefixFact | null;
  /** A stable global address on the WAN (DS-Lite's B4 address). */
  wanAddress: string | null;
  dns: string[];
  /** The line's own DNS servers, as this host learned them on the WAN (RA RDNSS / DHCPv6), not its other resolvers. */
  lineDns: string[];
  /** NTT East or West, when a line DNS server or the search domain is one of that NGN's. */
  region: { region: NgnRegion; evidence: Message } | null;
  /** Existing IPv4-in-IPv6 tunnels (not the kernel's ip6tnl0). */
  tunnels: TunnelShowEntry[];
  gaps: Gap[];
}

/** Raw outputs by name (main/datapath/detect.ts runs the commands), with exit codes. */
export type DetectOutputs = Partial<Record<DetectKey, { output: string; exitCode: number }>>;
export type DetectKey = 'os' | 'kernel' | 'uid' | 'sudo' | 'tools' | 'systemd' | 'ip6tnl' | 'nftNat' | 'addr6' | 'route6' | 'tunnels' | 'dns' | 'pdLeases' | 'lineDns';

export interface InterpretOptions {
  /** --wan: overrides the interface of the IPv6 default route. */
  wan?: string | undefined;
  /** --prefix: the user already knows it (a missing prefix is then not a gap). */
  prefixGiven?: boolean;
  /** The service, when known: fixed IP needs curl for the update notification. */
  needsUpdateClient?: boolean;
  /** The session's sudo works because the user gave its password (its `sudo -n` then passes on the cache). */
  sudoWithPassword?: boolean;
}

function ok(o: DetectOutputs, k: DetectKey): string | null {
  const r = o[k];
  return r && r.exitCode === 0 ? r.output : null;
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

export function interpretDetection(o: DetectOutputs, opts: InterpretOptions = {}): HostFacts {
  const gaps: Gap[] = [];
  const osText = ok(o, 'os');
  const osField = (k: string) => (osText ? (new RegExp(`^${k}="?([^"\\n]*)"?$`, 'm').exec(osText)?.[1] ?? '') : '');
  const os = osText ? { prettyName: osField('PRETTY_NAME'), id: osField('ID'), versionId: osField('VERSION_ID') } : null;
  const install = (pkg: string) => ceText('HINT_INSTALL', { command: installCommand(os?.id ?? '', pkg) });

  const root = ok(o, 'uid')?.trim() === '0';
  const sudo: HostFacts['sudo'] = root
    ? 'not-needed'
    : o.sudo?.exitCode === 0
      ? opts.sudoWithPassword
        ? 'with-password'
        : 'passwordless'
      : /not found/i.test(o.sudo?.output ?? '')
        ? 'missing'
        : 'needs-password';
  if (sudo === 'missing' || sudo === 'needs-password') {
    gaps.push({
      code: 'NOT_ROOT',
      severity: 'blocker',
      message: ceText(sudo === 'missing' ? 'GAP_NOT_ROOT_NO_SUDO' : 'GAP_NOT_ROOT_SUDO_PASSWORD'),
      hint:
        sudo === 'missing'
          ? ceText('HINT_NOT_ROOT_NO_SUDO', { command: installCommand(os?.id ?? '', 'sudo') })
          : ceText('HINT_NOT_ROOT_SUDO_PASSWORD'),
    });
  }

  const tools: Record<string, string> = {};
  let iproute2: string | null = null;
  for (const line of (o.tools?.output ?? '').split('\n')) {
    const [name, path] = line.trim().split(/\s+/);
    if (!name || !path) continue;
    if (name === 'iproute2') iproute2 = path;
    else tools[name] = path;
  }
  if (!iproute2) {
    gaps.push({
      code: 'IPROUTE2_MISSING',
      severity: 'blocker',
      message: ceText('GAP_IPROUTE2_MISSING'),
      hint: install('iproute2'),
    });
  }
  if (!tools.nft) gaps.push({ code: 'NFT_MISSING', severity: 'blocker', message: ceText('GAP_NFT_MISSING'), hint: install('nftables') });
  if (!tools.ping) gaps.push({ code: 'PING_MISSING', severity: 'warning', message: ceText('GAP_PING_MISSING'), hint: install(os?.id === 'alpine' ? 'iputils' : 'iputils-ping') });
  if (!tools.curl) {
    gaps.push({
      code: 'CURL_MISSING',
      severity: opts.needsUpdateClient ? 'blocker' : 'warning',
      message: ceText(opts.needsUpdateClient ? 'GAP_CURL_MISSING_UPDATE' : 'GAP_CURL_MISSING_VERIFY'),
      hint: install('curl'),
    });
  }
  const systemd = ok(o, 'systemd')?.trim() === 'yes';
  if (!systemd) {
    gaps.push({
      code: 'NO_SYSTEMD',
      severity: 'warning',
      message: ceText('GAP_NO_SYSTEMD'),
      hint: ceText('HINT_NO_SYSTEMD', { script: UP_SCRIPT_FILE }),
    });
  }

  // The throwaway-namespace probes: exit 0 works, 3 means no namespace could be made (so nothing was tested).
  const probe = o.ip6tnl;
  const ip6tnl: HostFacts['ip6tnl'] = !probe || probe.exitCode === 3 || probe.exitCode === 126 ? 'untested' : probe.exitCode === 0 ? 'ok' : 'missing';
  const ip6tnlDetail = (probe?.output ?? '').trim();
  if (ip6tnl === 'missing') {
    gaps.push({
      code: 'IP6TNL_MISSING',
      severity: 'blocker',
      message: ceText('GAP_IP6TNL_MISSING', { kernel: ok(o, 'kernel')?.trim() ?? ceText('UNKNOWN'), said: firstLine(ip6tnlDetail) || ceText('PROBE_FAILED') }),
      hint: ceText('HINT_IP6TNL_MISSING'),
    });
  } else if (ip6tnl === 'untested') {
    gaps.push({
      code: 'IP6TNL_UNTESTED',
      severity: 'warning',
      message: ceText('GAP_IP6TNL_UNTESTED', { said: firstLine(ip6tnlDetail) || ceText('PROBE_NOT_RUN') }),
      hint: ceText('HINT_IP6TNL_UNTESTED'),
    });
  }
  const nftProbe = o.nftNat;
  const nftNat: HostFacts['nftNat'] = !nftProbe || nftProbe.exitCode === 3 || !tools.nft ? 'untested' : nftProbe.exitCode === 0 ? 'ok' : 'failed';
  if (nftNat === 'failed') {
    gaps.push({
      code: 'NFT_NAT_UNSUPPORTED',
      severity: 'blocker',
      message: ceText('GAP_NFT_NAT_UNSUPPORTED', { said: firstLine(nftProbe?.output ?? '') }),
      hint: ceText('HINT_NFT_NAT_UNSUPPORTED'),
    });
  }

  const routes = safe(() => parseIpRouteJson(ok(o, 'route6') ?? '[]', { family: 'inet6', command: 'ip -j -6 route show' }).routes, [] as Route[]);
  const defaults = routes.filter((r) => r.destination === 'default' && r.type === 'unicast').sort((a, b) => (a.metric ?? 1024) - (b.metric ?? 1024));
  const def = opts.wan ? defaults.find((r) => r.dev === opts.wan) : defaults[0];
  const wan = opts.wan ?? def?.dev ?? null;
  const gateway = def?.via ?? def?.nexthops[0]?.via ?? null;
  if (!def) {
    gaps.push({
      code: 'NO_IPV6_DEFAULT_ROUTE',
      severity: 'blocker',
      message: opts.wan ? ceText('GAP_NO_IPV6_DEFAULT_ROUTE_ON', { wan: opts.wan }) : ceText('GAP_NO_IPV6_DEFAULT_ROUTE'),
      hint: ceText('HINT_NO_IPV6_DEFAULT_ROUTE'),
    });
  }

  const addrs = safe(() => parseIpAddrJson(ok(o, 'addr6') ?? '[]', { command: 'ip -j -6 addr show' }).addresses, [] as InterfaceAddress[]);
  const usable = (a: InterfaceAddress) =>
    a.family === 'inet6' && a.scope === 'global' && !a.flags.includes('temporary') && !a.flags.includes('deprecated') && !/^f[cd]/i.test(a.address);
  const onWan = addrs.filter((a) => usable(a) && a.ifname === wan);
  const wanAddr = onWan.find((a) => a.flags.includes('mngtmpaddr')) ?? onWan.find((a) => a.prefixLength < 128) ?? onWan[0] ?? null;
  const pd = delegatedPrefix(routes, ok(o, 'pdLeases') ?? '');
  let prefix: PrefixFact | null = pd;
  if (!prefix && wanAddr) {
    const len = Math.min(wanAddr.prefixLength, 64);
    const net = formatIpv6(parseIpv6Input(wanAddr.address).value & prefixMask(len));
    const ra = wanAddr.flags.includes('dynamic') || wanAddr.flags.includes('mngtmpaddr');
    prefix = { prefix: `${net}/${len}`, source: ra ? 'ra' : 'static', evidence: `${wanAddr.address}/${wanAddr.prefixLength} on ${wanAddr.ifname}${wanAddr.flags.length ? ` (${wanAddr.flags.join(' ')})` : ''}` };
  }
  if (!prefix && !opts.prefixGiven) {
    gaps.push({
      code: 'NO_GLOBAL_PREFIX',
      severity: 'blocker',
      message: wan ? ceText('GAP_NO_GLOBAL_PREFIX_ON', { wan }) : ceText('GAP_NO_GLOBAL_PREFIX'),
      hint: ceText('HINT_NO_GLOBAL_PREFIX'),
    });
  }

  const dns = [...new Set((o.dns?.output ?? '').split('\n').flatMap((l) => [...l.matchAll(/(?:^|\s)(?:nameserver\s+)?([0-9a-f:.]{7,})(?=\s|$)/gi)].map((m) => m[1]!)).filter((x) => x.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(x)))];
  if (dns.length === 0) {
    gaps.push({
      code: 'NO_DNS',
      severity: 'warning',
      message: ceText('GAP_NO_DNS'),
      hint: ceText('HINT_NO_DNS'),
    });
  }

  const { lineDns, region } = lineDnsOf(o.lineDns?.output ?? '');

  const tunnels = safe(() => parseIpTunnelText(o.tunnels?.output ?? '').tunnels, [] as TunnelShowEntry[]).filter(
    (t) => t.name !== 'ip6tnl0' && (t.mode === 'ip4ip6' || t.mode === 'any'),
  );
  for (const t of tunnels) {
    if (t.name === TUNNEL) continue;
    // The tunnel's parameters in `ip -6 tunnel` words: the same in every language.
    const params = `remote ${t.remote ?? '?'}, local ${t.local ?? '?'}${t.dev ? `, dev ${t.dev}` : ''}, encaplimit ${t.encapLimit ?? '?'}`;
    gaps.push({
      code: 'EXISTING_TUNNEL',
      severity: 'warning',
      message: ceText('GAP_EXISTING_TUNNEL', { name: t.name, params }),
      hint: ceText('HINT_EXISTING_TUNNEL', { name: t.name }),
    });
  }

  return {
    os,
    kernel: ok(o, 'kernel')?.trim() ?? null,
    root,
    sudo,
    tools,
    iproute2,
    systemd,
    ip6tnl,
    ip6tnlDetail,
    nftNat,
    wan,
    gateway,
    prefix,
    wanAddress: wanAddr?.address ?? null,
    dns,
    lineDns,
    region,
    tunnels,
    gaps,
  };
}

/** `dns ADDRESS` / `domain NAME` lines (main/datapath/detect.ts): the line's DNS, and the NGN they say this is. */
function lineDnsOf(output: string): { lineDns: string[]; region: HostFacts['region'] } {
  const lineDns: string[] = [];
  const domains: string[] = [];
  for (const l of output.split('\n')) {
    const [kind, value] = l.trim().split(/\s+/);
    if (kind === 'dns' && value?.includes(':') && !lineDns.includes(value)) lineDns.push(value);
    if (kind === 'domain' && value) domains.push(value.toLowerCase().replace(/\.$/, ''));
  }
  const server = lineDns.find((d) => ngnRegionOf(d));
  if (server) return { lineDns, region: { region: ngnRegionOf(server)!, evidence: ceText('REGION_BY_DNS', { server }) } };
  const domain = domains.find((d) => ngnRegionOf(d));
  return { lineDns, region: domain ? { region: ngnRegionOf(domain)!, evidence: ceText('REGION_BY_DOMAIN', { domain }) } : null };
}

/**
 * A delegated prefix: the unreachable (or `proto dhcp`) route shorter than /64 that DHCPv6-PD clients
 * (dhcpcd, systemd-networkd, wide-dhcpv6) install for it, or an `iaprefix` in a dhclient lease.
 */
function delegatedPrefix(routes: readonly Route[], leases: string): PrefixFact | null {
  const r = routes.find((x) => x.prefixLength >= 40 && x.prefixLength < 64 && (x.type === 'unreachable' || x.proto === 'dhcp') && !/^f[cd]/i.test(x.destination));
  if (r) return { prefix: r.destination, source: 'pd', evidence: `route ${r.type === 'unicast' ? '' : `${r.type} `}${r.destination}${r.proto ? ` proto ${r.proto}` : ''}` };
  const m = /iaprefix\s+([0-9a-f:]+\/\d+)/i.exec(leases);
  if (m) return { prefix: m[1]!, source: 'pd', evidence: `dhclient lease: iaprefix ${m[1]}` };
  return null;
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}

function installCommand(osId: string, pkg: string): string {
  if (/^(fedora|rhel|centos|rocky|almalinux)$/.test(osId)) return `dnf install ${pkg === 'iputils-ping' ? 'iputils' : pkg}`;
  if (osId === 'alpine') return `apk add ${pkg}`;
  if (/^(arch|manjaro)$/.test(osId)) return `pacman -S ${pkg === 'iputils-ping' ? 'iputils' : pkg}`;
  return `apt-get install ${pkg}`;
}
