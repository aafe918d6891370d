/** The line identity's shape (see identity.ts): a leaf module, so the clue builders and identity.ts share it. */
import type { Evidence } from '../parts.js';
import type { CalcInputError, MapEResult, PortRange } from '../../mape/index.js';
import type { Encapsulation, ServiceId, ServiceRecord } from '../../services/index.js';

/** Where a fact about the line came from. */
export type FactSource =
  /** The CE's configuration (RTX `show config`, VyOS configuration). */
  | 'config'
  /** What the CE shows about its state (`show status …`, `show log`, `ip …`, `nft …`). */
  | 'show'
  /** Computed from the MAP rule that covers the prefix. */
  | 'calculator'
  /** The service catalog (public sources), when nothing better says. */
  | 'catalog'
  /** The user's contract notice: authoritative. */
  | 'notice'
  /** The provider's own provisioning answer (HB46PP): authoritative when the notice says nothing. */
  | 'provisioning';

export interface LineFact<T> {
  value: T;
  source: FactSource;
  /** The lines it rests on (empty when it came from the notice or the catalog). */
  evidence: Evidence[];
}

/** Which output or setting showed the prefix: RTX (dhcp6 … log) or Linux/VyOS (wan-address … tunnel-local). */
export type PrefixOrigin = 'dhcp6' | 'ipv6-address' | 'ipv6-route' | 'log' | 'wan-address' | 'vyos-address' | 'ra-route' | 'tunnel-local';

/** The line's global IPv6 prefix (or an address inside it), as printed: `240b:11:b901:1800::/56`, `240b:…:a100::1`. */
export interface ObservedPrefix extends LineFact<string> {
  origin: PrefixOrigin;
}

/** The BR (MAP-E, IPIP) or AFTR (DS-Lite) the line expects. */
export interface ExpectedBr {
  /** The one address to aim at and to ping6, when a single one is known. */
  address: string | null;
  /** DS-Lite: the AFTR name (`gw.transix.jp`). */
  name: string | null;
  /** DS-Lite: the other AFTR addresses that are also right (regions). */
  alternatives: string[];
  /** Every address known to be right for this line, best first (BIGLOBE east/west, DS-Lite regions, …). */
  addresses: string[];
  /** True when `addresses` is the whole truth (the notice, the MAP rule): any other remote is wrong. */
  complete: boolean;
  source: Extract<FactSource, 'notice' | 'calculator' | 'catalog' | 'provisioning'>;
  /** source provisioning: the provisioning server that said so (without its query). */
  server?: string;
  /** Only an obvious slip next to `address` may be called wrong (fixed IP from the catalog: data/expectations.ts). */
  obviousOnly: boolean;
  /** The same VNE's dynamic MAP-E BR: the known wrong value for fixed IP. */
  mapeBr: string | null;
}

/** The fixed-IP update (再設定) credentials from the notice. Secrets: never in a finding, a note or a report. */
export interface UpdateCredentials {
  user: string | null;
  password: string | null;
}

export interface LineIdentity {
  service: ServiceRecord | null;
  /** Where the service came from: the notice, or the CE's own config and state. */
  serviceSource: FactSource | null;
  /** Why we think so, in order (for the report): `tunnel 1: tunnel map-e type v6plus (show config line 12)`. */
  reasons: string[];
  /** The service's, else what the CE's tunnel shows. */
  encapsulation: Encapsulation | null;
  prefix: ObservedPrefix | null;
  /** The MAP-E service whose rule covers the prefix (v6plus also carries v6plus fixed IP). */
  prefixService: ServiceRecord | null;
  /** MAP-E parameters for the prefix, when the line is MAP-E. */
  mape: MapEResult | null;
  /** Why MAP-E parameters could not be computed (`unknown-prefix`, …), when the line is MAP-E. */
  mapeError: CalcInputError | null;
  br: ExpectedBr | null;
  /** The CE (tunnel local) address the service expects. */
  ce: LineFact<string> | null;
  /** MAP-E: the CE's port blocks. */
  portSet: LineFact<readonly PortRange[]> | null;
  /** The tunnel MTU the service wants (1460 on every Japanese IPoE service). */
  mtu: number;
  /** Fixed IP: the contracted IPv4 (the notice, else what the CE's NAT or tunnel uses). */
  fixedIpv4: LineFact<string> | null;
  /** Fixed IP: the interface ID (the notice, else the RTX LAN address that carries the prefix). */
  interfaceId: LineFact<string> | null;
  update: UpdateCredentials | null;
}

/** What a platform's config and state say about the line before the notice is heard. */
export interface LineClues {
  service: { id: ServiceId; source: FactSource } | null;
  reasons: string[];
  /** Without a service: what the CE's own tunnel says (an RTX `tunnel encapsulation map-e`). */
  encapsulation: Encapsulation | null;
  prefix: ObservedPrefix | null;
  fixedIpv4: LineFact<string> | null;
  interfaceId: LineFact<string> | null;
}
