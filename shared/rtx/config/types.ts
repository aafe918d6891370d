/**
 * Typed model of a Yamaha RTX/NVR `show config` (or a hand-edited config pasted by a user).
 * Every fact keeps the 1-based line numbers it came from, so a finding can point at the text.
 * The parser is order-independent and tolerant: unknown lines are kept in `unknown`, never an error.
 */

/** Where a fact came from: the line number(s) in the parsed text (1-based). */
export interface Src {
  lines: number[];
}

/** `lan1`, `lan2`, `lan3`, `bridge1`, `pp1`, `tunnel1` … lower-cased as in the config. */
export type InterfaceName = string;

export interface IpAddressSetting extends Src {
  /** As written: `192.168.100.1/24`, `dhcp`, `dhcp-prefix@lan2::1/64`, `ra-prefix@lan2::1/64`, `2001:db8::1/64`. */
  value: string;
}

/** `ipv6 prefix N ra-prefix@lan2::/64` or `dhcp-prefix@lan2::/64` or a literal prefix. */
export interface Ipv6PrefixDef extends Src {
  id: number;
  source: 'ra-prefix' | 'dhcp-prefix' | 'static';
  /** The interface the prefix is learned from (`lan2`), for ra-prefix/dhcp-prefix. */
  fromInterface: InterfaceName | null;
  /** The rest after `@iface`, e.g. `::/64`; or the literal prefix for `static`. */
  suffix: string;
}

export interface InterfaceConfig {
  name: InterfaceName;
  /** `ip lanN address …` */
  ipAddress: IpAddressSetting | null;
  /** `ipv6 lanN address …` (may be several) */
  ipv6Addresses: IpAddressSetting[];
  /** `ipv6 lanN prefix change log on` */
  prefixChangeLog: (Src & { on: boolean }) | null;
  /** `ipv6 lanN dhcp service client|server [ir=on]` */
  dhcp6Service: (Src & { role: 'client' | 'server'; informationRequest: boolean }) | null;
  /** `ipv6 lanN rtadv send N …` */
  rtadv: (Src & { prefixIds: number[]; options: string[] }) | null;
  /** `ip lanN secure filter in …` / `out …` (IPv4) */
  ipFilterIn: FilterBinding | null;
  ipFilterOut: FilterBinding | null;
  /** `ipv6 lanN secure filter in …` / `out …` */
  ipv6FilterIn: FilterBinding | null;
  ipv6FilterOut: FilterBinding | null;
  /** `ip lanN nat descriptor N` */
  natDescriptors: (Src & { ids: number[] }) | null;
  /** `ip lanN mtu N` / `ipv6 lanN mtu N` */
  mtu: (Src & { value: number }) | null;
  /** `ip pp tcp mss limit auto|N` / `ip lanN tcp mss limit …` (added: PPPoE and LAN clamping). */
  tcpMssLimit?: (Src & { value: 'auto' | number }) | null;
}

/** `… secure filter in 200030 200031 … dynamic 200080 …` */
export interface FilterBinding extends Src {
  ids: number[];
  dynamicIds: number[];
}

export type TunnelEncapsulation = 'ipip' | 'map-e' | 'ipsec' | 'l2tp' | 'l2tpv3' | 'pptp' | 'other';

export interface TunnelConfig {
  id: number;
  /** Lines of `tunnel select N`, in file order (the first is the block that defines the tunnel). */
  selectLines: number[];
  encapsulation: (Src & { value: TunnelEncapsulation; raw: string }) | null;
  /** `tunnel map-e type v6plus|ocn|…` */
  mapeType: (Src & { value: string }) | null;
  /** `tunnel endpoint address [LOCAL] REMOTE` — RTX takes `address local remote` or just `address remote`. */
  endpointAddress: (Src & { local: string | null; remote: string }) | null;
  /** `tunnel endpoint name [LOCAL] NAME [fqdn]` */
  endpointName: (Src & { local: string | null; remote: string }) | null;
  /** `tunnel endpoint local address X` (alternative form) */
  endpointLocal: (Src & { value: string }) | null;
  mtu: (Src & { value: number }) | null;
  /** `ip tunnel tcp mss limit auto|N` */
  tcpMssLimit: (Src & { value: 'auto' | number }) | null;
  ipFilterIn: FilterBinding | null;
  ipFilterOut: FilterBinding | null;
  ipv6FilterIn: FilterBinding | null;
  ipv6FilterOut: FilterBinding | null;
  natDescriptors: (Src & { ids: number[] }) | null;
  /** `ip tunnel address A.B.C.D/32` */
  ipAddress: IpAddressSetting | null;
  /** `tunnel enable N` present (the RTX way of enabling a tunnel). */
  enabled: (Src & { value: boolean }) | null;
  /** `description tunnel …` etc. */
  description: (Src & { value: string }) | null;
}

/** `ip filter N pass|reject|restrict|… SRC DST PROTO SRCPORT DSTPORT` (missing trailing fields mean `*`). */
export interface StaticFilter extends Src {
  family: 'ipv4' | 'ipv6';
  id: number;
  action: 'pass' | 'reject' | 'restrict' | 'pass-log' | 'pass-nolog' | 'reject-log' | 'reject-nolog' | 'restrict-log' | 'restrict-nolog';
  source: string;
  destination: string;
  /** `*`, `tcp`, `udp`, `icmp`, `icmp6`, `4` (IPv4-in-IPv6), `tcp,udp`, `established` … as written. */
  protocol: string;
  sourcePort: string;
  destinationPort: string;
}

/** `ip filter dynamic N SRC DST PROTO` */
export interface DynamicFilter extends Src {
  family: 'ipv4' | 'ipv6';
  id: number;
  source: string;
  destination: string;
  protocol: string;
}

export interface NatDescriptor {
  id: number;
  /** `nat descriptor type N masquerade|nat|nat-masquerade|none` */
  type: (Src & { value: string }) | null;
  /** `nat descriptor address outer N ADDR|ipcp|primary|map-e|…` */
  outer: (Src & { value: string }) | null;
  /** `nat descriptor address inner N auto|RANGE` */
  inner: (Src & { value: string }) | null;
  /** `nat descriptor masquerade port range N R1 R2 …` */
  portRanges: (Src & { ranges: [number, number][] }) | null;
  /** `nat descriptor masquerade static N …` lines */
  statics: (Src & { text: string })[];
}

export interface RouteConfig extends Src {
  family: 'ipv4' | 'ipv6';
  /** `default` or a prefix */
  destination: string;
  /** `gateway tunnel 1` → { kind: 'tunnel', value: '1' }; `gateway pp 1`; `gateway 192.0.2.1`; `gateway dhcp lan2` */
  gateway: { kind: 'tunnel' | 'pp' | 'address' | 'dhcp' | 'interface' | 'other'; value: string };
  raw: string;
}

export interface ScheduleConfig extends Src {
  id: number;
  /** everything after the id, e.g. `startup * lua emfs:/v6plus_address_notification.lua` */
  spec: string;
  /** The Lua script or command it runs, when recognisable (`emfs:/x.lua`). */
  luaScript: string | null;
}

/** `embedded file NAME <<EOF … EOF` */
export interface EmbeddedFile extends Src {
  name: string;
  /** Body without the heredoc lines; `bodyStartLine` is the line number of its first line. */
  body: string;
  bodyStartLine: number;
}

export interface DnsConfig {
  /** `dns server A B …` / `dns server dhcp lan2` / `dns server select …` lines */
  servers: (Src & { raw: string })[];
  /** `dns host lan1`, `dns service fallback on`, `dns private address spoof on` … */
  other: (Src & { raw: string })[];
}

export interface ConfigHeader {
  model: string | null;
  firmware: string | null;
  lines: number[];
}

export interface RtxConfig {
  header: ConfigHeader;
  /** `ngn type lan2 ntt` → [{ interface: 'lan2', value: 'ntt' }] */
  ngnTypes: (Src & { interface: InterfaceName; value: string })[];
  ipv6Prefixes: Ipv6PrefixDef[];
  /** Keyed by interface name (`lan1`, `lan2`, `bridge1`, `pp1` …). */
  interfaces: Record<InterfaceName, InterfaceConfig>;
  /** Keyed by tunnel number. */
  tunnels: Record<number, TunnelConfig>;
  ipFilters: StaticFilter[];
  ipv6Filters: StaticFilter[];
  dynamicFilters: DynamicFilter[];
  natDescriptors: Record<number, NatDescriptor>;
  routes: RouteConfig[];
  schedules: ScheduleConfig[];
  embeddedFiles: EmbeddedFile[];
  dns: DnsConfig;
  /** `login password`, `administrator password`, `login user`, `pp auth …` lines: secrets to redact. */
  secretLines: number[];
  /** `console character|lines|columns|prompt` settings found in the config. */
  console: (Src & { setting: string; value: string })[];
  /** Lines the parser did not model (kept for evidence and round-trips). */
  unknown: (Src & { text: string })[];
  /** Problems the parser noticed (e.g. an unterminated heredoc); never thrown. */
  notes: string[];
}
