/**
 * A router that has served an office for weeks: its hosts, remote users, branch offices and published servers
 * (the "office plan"), drawn once from the scenario's `volume` seed, and the config sections they need. A
 * scenario's config.txt marks where generated sections go with `@volume NAME` lines; everything else in it is
 * written by hand (the IPoE core whose faults the scenario is about). The same plan feeds the log history
 * (office-log.ts) and the NAT table, so the addresses, MACs and users agree everywhere.
 *
 * Formats: RTX config syntax as in the public configs quoted in ../shared/reference (field report 000, the
 * RTX1100 IPsec capture in peer-tools.md) and Yamaha's published L2TP/IPsec example layout (`pp select
 * anonymous`, `pp bind tunnelN-tunnelM`, `ipsec transport N N udp 1701`).
 */
import { z } from 'zod';
import { SeededRandom } from './seeded-random.js';

/**
 * A router that has been in use for weeks: how many hosts, remote users and branches its
 * config, log and NAT table are generated for. Deterministic from `seed`.
 */
export const VolumeSchema = z.object({
  seed: z.number().int(),
  /** PCs, phones and printers on LAN1: DHCP clients and the inner addresses of the NAT table. */
  hosts: z.number().int().min(1).max(200),
  /** Hosts with a DHCP reservation (`dhcp scope bind`). */
  reservations: z.number().int().nonnegative(),
  /** Remote-access users (L2TP/IPsec into `pp select anonymous`). */
  remoteUsers: z.number().int().nonnegative().max(6),
  /** Branch offices reached by IPsec over the fixed IPv4 (site-to-site tunnels 10, 11, …). */
  branches: z.number().int().nonnegative().max(8),
  /** Servers published through static NAT (`nat descriptor masquerade static`). */
  servers: z.number().int().nonnegative().max(10),
  /**
   * Entries `show log` keeps: the newest N. The model's documented limit where known, else a stated
   * assumption (office-log.ts).
   */
  logLines: z.number().int().positive().optional(),
  /** The tunnel was last edited this long before the twin starts (the office's IPv4 broke then). */
  editedSecondsAgo: z.number().int().nonnegative().default(3060),
});

export type ScenarioVolume = z.infer<typeof VolumeSchema>;

export interface OfficeHost {
  address: string;
  mac: string;
  /** Has a `dhcp scope bind` reservation. */
  reserved: boolean;
  /** NAT sessions it holds now (the `show nat descriptor address` table). */
  sessions: number;
  /** Comes in on workdays only (a PC), or is always on (printers, phones, servers). */
  officeHours: boolean;
}

export interface RemoteUser {
  name: string;
  password: string;
  /** Where the user connects from (their home line's IPv4). */
  from: string;
}

export interface Branch {
  tunnel: number;
  name: string;
  /** The branch's LAN, routed into its tunnel. */
  network: string;
  /** The branch router's fixed IPv4 (IKE peer). */
  peer: string;
  psk: string;
}

export interface PublishedServer {
  address: string;
  protocol: 'tcp' | 'udp';
  port: number;
}

export interface OfficePlan {
  /** `192.168.182` for a /24 LAN1 `192.168.182.1/24`. */
  lanPrefix: string;
  router: string;
  hosts: OfficeHost[];
  remoteUsers: RemoteUser[];
  /** The L2TP/IPsec tunnels (one per concurrent remote session). */
  l2tpTunnels: number[];
  branches: Branch[];
  servers: PublishedServer[];
  /** Administrators' PCs: they log in to the router. */
  adminPcs: string[];
}

const OUIS = ['f0:9f:c2', '3c:22:fb', 'a4:83:e7', '00:1b:21', 'dc:a6:32', '24:5e:be', '00:80:92', 'b8:27:eb', '8c:85:90', 'e4:5f:01'];
const BRANCH_NAMES = ['osaka', 'nagoya', 'fukuoka', 'sapporo', 'sendai', 'hiroshima', 'kobe', 'yokohama'];
const USER_NAMES = ['sales01', 'sales02', 'support01', 'eng01', 'eng02', 'manager01'];
const SERVICES: PublishedServer['port'][] = [443, 25, 587, 993, 1194, 8443, 3389, 5060, 22, 80];

function lanOf(config: string): { prefix: string; router: string } {
  const m = /^ip lan1 address (\d+\.\d+\.\d+)\.(\d+)\/24\s*$/m.exec(config);
  if (!m) throw new Error('an office volume needs `ip lan1 address A.B.C.D/24` in config.txt');
  return { prefix: m[1]!, router: `${m[1]}.${m[2]}` };
}

/** The office behind the router, drawn from the volume's seed. */
export function officePlan(volume: ScenarioVolume, config: string): OfficePlan {
  const rnd = new SeededRandom(volume.seed);
  const lan = lanOf(config);
  const hosts: OfficeHost[] = [];
  const taken = new Set<number>();
  for (let i = 0; i < volume.hosts; i++) {
    // Reservations sit in .100–.199 (what the field report's config does); the rest is handed out from .2.
    const reserved = i < volume.reservations;
    let octet = reserved ? 100 + i : 2 + (i - volume.reservations);
    while (taken.has(octet)) octet++;
    taken.add(octet);
    hosts.push({
      address: `${lan.prefix}.${octet}`,
      mac: rnd.mac(rnd.pick(OUIS)),
      reserved,
      sessions: rnd.chance(0.15) ? 0 : rnd.int(1, rnd.chance(0.1) ? 180 : 40),
      officeHours: !reserved || rnd.chance(0.6),
    });
  }
  const remoteUsers = USER_NAMES.slice(0, volume.remoteUsers).map((name) => ({
    name,
    password: `Rv-${rnd.int(100000, 999999)}`,
    from: `${rnd.pick(['114', '126', '153', '180', '219'])}.${rnd.int(1, 254)}.${rnd.int(0, 255)}.${rnd.int(1, 254)}`,
  }));
  const branches = BRANCH_NAMES.slice(0, volume.branches).map((name, i) => ({
    tunnel: 10 + i,
    name,
    network: `10.${20 + i}.0.0/16`,
    peer: `203.0.113.${rnd.int(2, 250)}`,
    psk: `Psk-${rnd.int(10000000, 99999999)}`,
  }));
  const servers = SERVICES.slice(0, volume.servers).map((port, i) => ({
    address: `${lan.prefix}.${10 + Math.floor(i / 3)}`,
    protocol: port === 5060 || port === 1194 ? ('udp' as const) : ('tcp' as const),
    port,
  }));
  const adminPcs = hosts.filter((h) => h.reserved).slice(0, 2).map((h) => h.address);
  return {
    lanPrefix: lan.prefix,
    router: lan.router,
    hosts,
    remoteUsers,
    // One L2TP/IPsec tunnel per concurrent session: half the users at once, at most three.
    l2tpTunnels: Array.from({ length: Math.min(3, Math.ceil(remoteUsers.length / 2)) }, (_, i) => 2 + i),
    branches,
    servers,
    adminPcs,
  };
}

/** Filter numbers the generated sections use (the hand-written binding lines in config.txt name the same). */
export const OFFICE_FILTERS = {
  /** Inbound on the IPv4 tunnel: spoofed private sources and NetBIOS/SMB from outside, logged. */
  rejectIn: [200020, 200021, 200022, 200023, 200024, 200025, 200026, 200027],
  /** Inbound on the IPv4 tunnel: the published servers and the VPN (IKE, NAT-T, ESP, L2TP). */
  passIn: [200040, 200041, 200042, 200043, 200044, 200045, 200046, 200047, 200048, 200049],
} as const;

type Section = (plan: OfficePlan) => string[];

const SECTIONS: Record<string, Section> = {
  routes: (p) => p.branches.map((b) => `ip route ${b.network} gateway tunnel ${b.tunnel}`),
  'remote-users': (p) => [
    ...(p.l2tpTunnels.length ? [` pp bind tunnel${p.l2tpTunnels[0]}-tunnel${p.l2tpTunnels[p.l2tpTunnels.length - 1]}`] : []),
    ...p.remoteUsers.map((u) => ` pp auth username ${u.name} ${u.password}`),
  ],
  'vpn-tunnels': (p) => [
    ...p.l2tpTunnels.flatMap((t) => [
      `tunnel select ${t}`,
      ' tunnel encapsulation l2tp',
      ` ipsec tunnel ${100 + t}`,
      `  ipsec sa policy ${100 + t} ${t} esp aes-cbc sha-hmac`,
      `  ipsec ike local address ${t} ${p.router}`,
      `  ipsec ike nat-traversal ${t} on`,
      `  ipsec ike pre-shared-key ${t} text L2tp-Office-Key`,
      `  ipsec ike remote address ${t} any`,
      ' l2tp tunnel disconnect time off',
      ' ip tunnel tcp mss limit auto',
      ` tunnel enable ${t}`,
    ]),
    ...p.branches.flatMap((b) => [
      `tunnel select ${b.tunnel}`,
      ` description tunnel ${b.name}`,
      ` ipsec tunnel ${100 + b.tunnel}`,
      `  ipsec sa policy ${100 + b.tunnel} ${b.tunnel} esp aes-cbc sha-hmac`,
      `  ipsec ike keepalive use ${b.tunnel} on dpd 30 3`,
      `  ipsec ike local address ${b.tunnel} ${p.router}`,
      `  ipsec ike pre-shared-key ${b.tunnel} text ${b.psk}`,
      `  ipsec ike remote address ${b.tunnel} ${b.peer}`,
      ' ip tunnel tcp mss limit auto',
      ` tunnel enable ${b.tunnel}`,
    ]),
  ],
  'ip-filters': (p) => {
    const [a, b, c, d, e, f, g, h] = OFFICE_FILTERS.rejectIn;
    const pass = [
      ...p.servers.map((s) => `* ${s.address} ${s.protocol} * ${s.port}`),
      `* ${p.router} udp * 500`,
      `* ${p.router} udp * 4500`,
      `* ${p.router} esp * *`,
      `* ${p.router} udp * 1701`,
    ];
    return [
      `ip filter ${a} reject-log 10.0.0.0/8 * * * *`,
      `ip filter ${b} reject-log 172.16.0.0/12 * * * *`,
      `ip filter ${c} reject-log 192.168.0.0/16 * * * *`,
      `ip filter ${d} reject-log 169.254.0.0/16 * * * *`,
      `ip filter ${e} reject-log * * udp,tcp 135 *`,
      `ip filter ${f} reject-log * * udp,tcp * 135`,
      `ip filter ${g} reject-log * * udp,tcp netbios_ns-netbios_ssn *`,
      `ip filter ${h} reject-log * * udp,tcp * netbios_ns-netbios_ssn`,
      ...pass.slice(0, OFFICE_FILTERS.passIn.length).map((rule, i) => `ip filter ${OFFICE_FILTERS.passIn[i]} pass ${rule}`),
      // The guest LAN reaches the Internet and the router's DNS, never the office LAN.
      `ip filter 100000 reject * ${p.lanPrefix}.0/24 * * *`,
      `ip filter 100001 pass * ${p.router} udp * domain`,
      `ip filter 100002 reject * ${p.router} * * *`,
      'ip filter 100099 pass * * * * *',
      ...p.branches.map((b, i) => `ip filter ${300000 + i} pass ${b.network} ${p.lanPrefix}.0/24 * * *`),
    ];
  },
  'static-nat': (p) => {
    const lines = p.servers.map((s, i) => `nat descriptor masquerade static 1 ${i + 1} ${s.address} ${s.protocol} ${s.port}`);
    const n = p.servers.length;
    return [
      ...lines,
      `nat descriptor masquerade static 1 ${n + 1} ${p.router} udp 500`,
      `nat descriptor masquerade static 1 ${n + 2} ${p.router} udp 4500`,
      `nat descriptor masquerade static 1 ${n + 3} ${p.router} esp`,
      `nat descriptor masquerade static 1 ${n + 4} ${p.router} udp 1701`,
    ];
  },
  'ipsec-transport': (p) => p.l2tpTunnels.map((t) => `ipsec transport ${t} ${100 + t} udp 1701`),
  'dhcp-binds': (p) =>
    p.hosts.filter((h) => h.reserved).map((h, i) => (i % 3 === 0 ? `dhcp scope bind 1 ${h.address} ethernet ${h.mac}` : `dhcp scope bind 1 ${h.address} 01 ${h.mac.replace(/:/g, ' ')}`)),
};

/** config.txt with every `@volume NAME` line replaced by its generated section. */
export function expandOfficeConfig(config: string, plan: OfficePlan): string {
  return config.replace(/^@volume ([a-z-]+)[ \t]*$/gm, (_, name: string) => {
    const section = SECTIONS[name];
    if (!section) throw new Error(`config.txt: no generated section "@volume ${name}" (known: ${Object.keys(SECTIONS).join(', ')})`);
    return section(plan).join('\n');
  });
}
