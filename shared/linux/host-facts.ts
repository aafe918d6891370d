/**
 * What detection found, interpreted from the raw command outputs (pure, so fixtures can test it). Every gap is
 * a message that says what is missing and a hint that says how to get it.
 */
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
  message: string;
  hint: string;
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
  /** Existing IPv4-in-IPv6 tunnels (not the kernel's ip6tnl0). */
  tunnels: TunnelShowEntry[];
  gaps: Gap[];
}

/** Raw outputs by name (main/datapath/detect.ts runs the commands), with exit codes. */
export type DetectOutputs = Partial<Record<DetectKey, { output: string; exitCode: number }>>;
export type DetectKey = 'os' | 'kernel' | 'uid' | 'sudo' | 'tools' | 'systemd' | 'ip6tnl' | 'nftNat' | 'addr6' | 'route6' | 'tunnels' | 'dns' | 'pdLeases';

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
  const install = (pkg: string) => installHint(os?.id ?? '', pkg);

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
      message: sudo === 'missing' ? 'Not root, and sudo is not installed.' : 'Not root, and sudo asks for a password that was not given.',
      hint:
        sudo === 'missing'
          ? `Connect as root, or install sudo (${install('sudo')}) and allow this user to use it.`
          : "Give the sudo password (the app's password field, or IPOE_DOCTOR_SUDO_PASSWORD for the CLI), connect as root, or allow this user passwordless sudo: `visudo -f /etc/sudoers.d/ipoe-doctor` with `USER ALL=(root) NOPASSWD: ALL`.",
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
      message: "iproute2's `ip` is missing (busybox's `ip` applet cannot make an ip6tnl with encaplimit none).",
      hint: install('iproute2'),
    });
  }
  if (!tools.nft) gaps.push({ code: 'NFT_MISSING', severity: 'blocker', message: 'nft is missing: the SNAT and MSS clamp are nftables rules.', hint: install('nftables') });
  if (!tools.ping) gaps.push({ code: 'PING_MISSING', severity: 'warning', message: 'ping is missing: verify cannot ping through the tunnel.', hint: install(os?.id === 'alpine' ? 'iputils' : 'iputils-ping') });
  if (!tools.curl) {
    gaps.push({
      code: 'CURL_MISSING',
      severity: opts.needsUpdateClient ? 'blocker' : 'warning',
      message: opts.needsUpdateClient
        ? 'curl is missing: the fixed-IP update-server notification is sent with curl (over IPv6, from the CE address).'
        : 'curl is missing: verify falls back to nc or socat for its TCP check.',
      hint: install('curl'),
    });
  }
  const systemd = ok(o, 'systemd')?.trim() === 'yes';
  if (!systemd) {
    gaps.push({
      code: 'NO_SYSTEMD',
      severity: 'warning',
      message: 'systemd is not running here: `persist` can write the boot scripts but cannot install a unit.',
      hint: 'Run /usr/local/lib/ipoe-doctor/ce-up.sh from your init system after the network is up.',
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
      message: `This kernel (${ok(o, 'kernel')?.trim() ?? 'unknown'}) cannot create an ip6tnl tunnel: a test in a throwaway network namespace said "${firstLine(ip6tnlDetail) || 'failed'}".`,
      hint:
        'Load the module with `modprobe ip6_tunnel`. If there is no such module, the kernel was built without it (common in containers, ' +
        'WSL and micro-VMs): run IPoE Doctor on a host with a full distribution kernel (Debian: `apt-get install linux-image-amd64`, then reboot).',
    });
  } else if (ip6tnl === 'untested') {
    gaps.push({
      code: 'IP6TNL_UNTESTED',
      severity: 'warning',
      message: `ip6tnl support could not be tested (no throwaway network namespace: "${firstLine(ip6tnlDetail) || 'not run'}").`,
      hint: 'Run detection as root on a kernel with network namespaces, or check `modprobe ip6_tunnel` by hand.',
    });
  }
  const nftProbe = o.nftNat;
  const nftNat: HostFacts['nftNat'] = !nftProbe || nftProbe.exitCode === 3 || !tools.nft ? 'untested' : nftProbe.exitCode === 0 ? 'ok' : 'failed';
  if (nftNat === 'failed') {
    gaps.push({
      code: 'NFT_NAT_UNSUPPORTED',
      severity: 'blocker',
      message: `The kernel refused an nftables NAT chain: "${firstLine(nftProbe?.output ?? '')}".`,
      hint: 'Load the modules: `modprobe nf_tables nft_chain_nat nf_nat nft_numgen nft_ct` (a container kernel may not allow NAT at all).',
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
      message: opts.wan ? `No IPv6 default route on ${opts.wan}: no Router Advertisement has arrived there.` : 'No IPv6 default route: no Router Advertisement has arrived on any interface.',
      hint:
        'Connect the WAN port to the ONU/HGW and check that it accepts RAs: `sysctl net.ipv6.conf.WAN.accept_ra` must be 1 (2 when IPv6 ' +
        'forwarding is on), then `ip -6 route show default` shows `via fe80::… dev WAN proto ra`. With --wan, --gateway can be given by hand.',
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
      message: `No global IPv6 address or delegated prefix${wan ? ` on ${wan}` : ''}: the IPv4 address and the CE address are computed from it.`,
      hint: 'Wait for SLAAC (`ip -6 addr show scope global`), or ask for a prefix with DHCPv6-PD; if you know it, give it as --prefix.',
    });
  }

  const dns = [...new Set((o.dns?.output ?? '').split('\n').flatMap((l) => [...l.matchAll(/(?:^|\s)(?:nameserver\s+)?([0-9a-f:.]{7,})(?=\s|$)/gi)].map((m) => m[1]!)).filter((x) => x.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(x)))];
  if (dns.length === 0) {
    gaps.push({
      code: 'NO_DNS',
      severity: 'warning',
      message: 'No DNS server is configured (resolvectl and /etc/resolv.conf list none): names will not resolve, over IPv4 or IPv6.',
      hint: 'Use the DNS servers the line announces (RDNSS/DHCPv6), e.g. `nameserver <the HGW or provider IPv6 DNS>` in /etc/resolv.conf, or configure systemd-resolved.',
    });
  }

  const tunnels = safe(() => parseIpTunnelText(o.tunnels?.output ?? '').tunnels, [] as TunnelShowEntry[]).filter(
    (t) => t.name !== 'ip6tnl0' && (t.mode === 'ip4ip6' || t.mode === 'any'),
  );
  for (const t of tunnels) {
    if (t.name === 'ipoe0') continue;
    gaps.push({
      code: 'EXISTING_TUNNEL',
      severity: 'warning',
      message: `The tunnel ${t.name} already exists (remote ${t.remote ?? '?'}, local ${t.local ?? '?'}${t.dev ? `, dev ${t.dev}` : ''}, encaplimit ${t.encapLimit ?? '?'}).`,
      hint: `Add --replace-existing ${t.name} to let IPoE Doctor take it over (rollback re-creates it as it is now), or delete it yourself.`,
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
    tunnels,
    gaps,
  };
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

function installHint(osId: string, pkg: string): string {
  if (/^(fedora|rhel|centos|rocky|almalinux)$/.test(osId)) return `dnf install ${pkg === 'iputils-ping' ? 'iputils' : pkg}`;
  if (osId === 'alpine') return `apk add ${pkg}`;
  if (/^(arch|manjaro)$/.test(osId)) return `pacman -S ${pkg === 'iputils-ping' ? 'iputils' : pkg}`;
  return `apt-get install ${pkg}`;
}
