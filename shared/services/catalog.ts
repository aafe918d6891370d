import type { MapEProviderId } from '../mape/rules-data.js';

/**
 * The service catalog: what each Japanese IPv4-over-IPv6 service expects from a CE, one fact at a time, each
 * with where it comes from. Data only; `shared/reference/ipoe-domain.md` holds the sources' full wording.
 * Confidence follows that file: confirmed (primary or several sources), source-says (one public source),
 * inferred (derived from the sources and checked by calculation).
 */

/** Every service the catalog describes, in the order the UI lists them. */
export const SERVICE_IDS = ['v6plus', 'biglobe', 'ocn-vc', 'v6plus-fixed', 'transix-dslite', 'transix-fixed', 'xpass', 'v6connect'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export type Encapsulation = 'map-e' | 'ipip' | 'ds-lite';
export type Confidence = 'confirmed' | 'source-says' | 'inferred';

export interface Fact<T> {
  value: T;
  sources: readonly string[];
  confidence: Confidence;
  note?: string;
}

/** A BR (MAP-E, IPIP) or AFTR (DS-Lite): an address, a DNS name, or both. */
export interface TunnelEndpoint {
  address?: string;
  name?: string;
  region?: 'east' | 'west';
  /** Which rules or customers use it, or why it is listed. */
  note?: string;
}

/** Fixed-IP "update" (再設定) call: told the provider the CE's current IPv6 address. */
export interface UpdateServer {
  /** `{user}` / `{password}` are the credentials from the registration notice. */
  urlTemplate: string;
  method: 'GET';
  successStatus: 200;
  successBody: string;
  /** The request must leave over IPv6 from the CE, since the server registers the request's source. */
  sendOverIpv6: boolean;
}

export interface MapEParameters {
  /** Provider id in the MAP rule table (`shared/mape/rules-data.ts`). */
  ruleProviderId: MapEProviderId;
  interfaceId: 'draft03';
  psidLength: number;
  psidOffset: number;
  /** Where CE routers fetch the rules from. */
  ruleServer: string;
}

export interface RtxHints {
  encapsulation: 'map-e' | 'ipip';
  /** `tunnel map-e type …` */
  mapEType?: 'v6plus' | 'ocn';
  /** `tunnel endpoint name …` (DS-Lite) */
  endpointName?: string;
}

export interface ServiceRecord {
  id: ServiceId;
  name: string;
  nameJa: string;
  /** The VNE operating the tunnel endpoints. */
  operator: Fact<string>;
  encapsulation: Fact<Encapsulation>;
  /** BRs (MAP-E / IPIP) or AFTRs (DS-Lite). For fixed IP the contract's notice is authoritative. */
  endpoints: Fact<readonly TunnelEndpoint[]>;
  /** MAP-E only. */
  mapE: Fact<MapEParameters> | null;
  /**
   * Fixed IP only: how the CE address is formed. `embedsIpv4`: the interface ID carries the fixed IPv4 in a known
   * layout, so the two can be checked against each other (the notice stays authoritative).
   */
  interfaceId: (Fact<string> & { embedsIpv4?: boolean }) | null;
  /** Fixed IP only. */
  update: Fact<UpdateServer> | null;
  /** Tunnel MTU to configure on the CE. */
  mtu: Fact<number>;
  /** IPv4 ports one CE may use; 65536 = a whole address; null = not published (NAPT at the AFTR). */
  portsPerCe: Fact<number | null>;
  rtx: Fact<RtxHints>;
  /** Other services on the same IPv6 address space (the prefix alone cannot tell them apart). */
  samePrefixesAs: readonly ServiceId[];
}

const DOMAIN = 'shared/reference/ipoe-domain.md';
const ref = (section: string): string => `${DOMAIN} ${section}`;

const S = {
  fc2: 'missing233/map-e index.html (mirror of ipv4.web.fc2.com/map-e.html: rule tables and BR selection)',
  ikmLuci: 'ikm-san/openwrt LuCI ca_setup (JPNE rule JSON, BIGLOBE east/west BR choice)',
  rfc7598Vector: 'public Rust RFC 7598 test vector: OPTION_S46_BR 2404:9200:225:100::64, offset=4 psid_len=8',
  euank: 'euank/v6plus-tun src/main.rs',
  fakemanhk: 'fakemanhk/openwrt-jp-ipoe README.md',
  allPorts: 'site-u2023/all-ports-set no_mape_setup_rule.sh',
  siteU: 'site-u2023/aios scripts (fetch_rule_api_ocn)',
  yamahaConfigs: 'public Yamaha RTX configs (tunnel encapsulation / tunnel map-e type / ip tunnel mtu 1460)',
  kznrluk: 'kznrluk/ribbit.anyfrog.net content/posts/2022/flets-x-static-ip.md (RTX1300 v6plus fixed IP)',
  unifiStatic: 'NadjaSenpai/unifi-v6plus-static-ip (config/v6plus.env.example, scripts/v6plus-static-ip-iif.sh)',
  vyosNotes: 'public VyOS MAP-E notes (BIGLOBE replies from 2001:260:700:1::1:275)',
  t6s: 'hmr/openwrt-t6s t6s.sh',
  transixStatic: 'https://www.mfeed.ad.jp/transix/staticip/',
  ubuntuTransix: 'public Ubuntu if-up.d/transix sample',
  openwrtDslite: 'public OpenWrt DS-Lite setup scripts ("gw.transix.jp: 2404:8e00::feed:100")',
  yamahaIpip: 'rtpro.yamaha.co.jp/RT/docs/ipip/index.html#setting9',
  y2tech: 'y2tech blog (ZOOT NATIVE, transix ports per user)',
  mtuArithmetic: 'IPv6 header is 40 bytes: 1500 − 40 = 1460 on an NGN line',
} as const;

const MAP_E_MTU: Fact<number> = {
  value: 1460,
  sources: [S.yamahaConfigs, S.fakemanhk, ref('§4.1, §5.1, §5.2')],
  confidence: 'confirmed',
};

const DS_LITE_MTU: Fact<number> = {
  value: 1460,
  sources: [S.mtuArithmetic, ref('§6 #11')],
  confidence: 'inferred',
  note: 'Same underlay as MAP-E; no provider-published value found.',
};

export const SERVICES: readonly ServiceRecord[] = [
  {
    id: 'v6plus',
    name: 'v6plus (JPNE)',
    nameJa: 'v6プラス',
    operator: { value: 'JPNE (JPIX)', sources: [S.fc2, ref('§2.1')], confidence: 'confirmed' },
    encapsulation: { value: 'map-e', sources: [S.fc2, S.euank, ref('§1.3')], confidence: 'confirmed' },
    endpoints: {
      value: [{ address: '2404:9200:225:100::64', note: 'BR for all v6plus rules; also the DMR in the rule server reply' }],
      sources: [S.fc2, S.ikmLuci, S.rfc7598Vector, ref('§1.4, §2.1, §2.2')],
      confidence: 'confirmed',
    },
    mapE: {
      value: {
        ruleProviderId: 'v6plus',
        interfaceId: 'draft03',
        psidLength: 8,
        psidOffset: 4,
        ruleServer: 'https://api.enabler.ne.jp/<vendor-key>/get_rules',
      },
      sources: [S.fc2, S.ikmLuci, ref('§1.3, §2.2')],
      confidence: 'confirmed',
    },
    interfaceId: null,
    update: null,
    mtu: MAP_E_MTU,
    portsPerCe: { value: 240, sources: [S.fakemanhk, S.fc2, ref('§1.3')], confidence: 'confirmed', note: '15 blocks × 16' },
    rtx: {
      value: { encapsulation: 'map-e', mapEType: 'v6plus' },
      sources: [S.yamahaConfigs, ref('§4.1')],
      confidence: 'confirmed',
    },
    samePrefixesAs: ['v6plus-fixed'],
  },
  {
    id: 'v6plus-fixed',
    name: 'v6plus fixed IP service',
    nameJa: 'v6プラス 固定IPサービス',
    operator: { value: 'JPNE (JPIX)', sources: [S.kznrluk, ref('§3.1')], confidence: 'confirmed' },
    encapsulation: {
      value: 'ipip',
      sources: [S.kznrluk, S.unifiStatic, ref('§3.1')],
      confidence: 'confirmed',
      note: 'Plain IPv4-in-IPv6; the whole /32, no port restriction.',
    },
    endpoints: {
      value: [{ address: '2404:9200:225:100::65', note: 'seen in public reports; the BR in your registration notice wins' }],
      sources: [S.kznrluk, 'public DS-Lite/IPIP script field note (::64 = MAP-E, ::65 = fixed IP)', ref('§3.1')],
      confidence: 'source-says',
      note: 'Given per contract in the registration notice ("BRアドレス"). ::64 is the dynamic MAP-E BR, not this one.',
    },
    mapE: null,
    interfaceId: {
      value: 'Provider-assigned (notice: "インターフェースID"); appears to be draft-03 with PSID 0: 00 | IPv4 | 00 00 00',
      sources: ['UniFi apply notes (::cb:71:a00:0 ↔ 203.0.113.10)', S.unifiStatic, ref('§3.1')],
      confidence: 'inferred',
      note: 'Use the layout as a sanity check only; the notice is authoritative.',
      embedsIpv4: true,
    },
    update: {
      value: {
        urlTemplate: 'http://fcs.enabler.ne.jp/update?user={user}&pass={password}',
        method: 'GET',
        successStatus: 200,
        successBody: 'OK',
        sendOverIpv6: true,
      },
      sources: [S.kznrluk + ' (Yamaha v6plus_address_notification.lua log "code=200, body=OK")', ref('§3.1')],
      confidence: 'source-says',
      note: 'Registers the requesting device as the endpoint: only one device may call it.',
    },
    mtu: {
      value: 1460,
      sources: [S.kznrluk + ' (Yamaha: ip tunnel mtu 1460 needed)', ref('§3.1')],
      confidence: 'confirmed',
      note: 'The UniFi script uses 1452 / MSS 1412.',
    },
    portsPerCe: { value: 65536, sources: [ref('§3.1')], confidence: 'confirmed', note: 'A whole IPv4 address.' },
    rtx: { value: { encapsulation: 'ipip' }, sources: [S.kznrluk, ref('§3.1, §4.1')], confidence: 'confirmed' },
    samePrefixesAs: ['v6plus'],
  },
  {
    id: 'ocn-vc',
    name: 'OCN Virtual Connect',
    nameJa: 'OCNバーチャルコネクト',
    operator: { value: 'NTT Communications (OCN)', sources: [S.fc2, ref('§2.1')], confidence: 'confirmed' },
    encapsulation: { value: 'map-e', sources: [S.fc2, S.yamahaConfigs, ref('§1.3, §2.1')], confidence: 'confirmed' },
    endpoints: {
      value: [{ address: '2001:380:a120::9', note: 'BR for every OCN rule' }],
      sources: [S.fc2, S.siteU, ref('§2.1, §2.3')],
      confidence: 'source-says',
      note: 'The same address in every public table.',
    },
    mapE: {
      value: {
        ruleProviderId: 'ocn-vc',
        interfaceId: 'draft03',
        psidLength: 6,
        psidOffset: 6,
        ruleServer: 'OCN rule API (authenticated; code from OCN)',
      },
      sources: [S.fc2, S.siteU, ref('§1.3, §2.3')],
      confidence: 'source-says',
    },
    interfaceId: null,
    update: null,
    mtu: MAP_E_MTU,
    portsPerCe: {
      value: 1008,
      sources: [S.fakemanhk, S.allPorts, ref('§1.3')],
      confidence: 'confirmed',
      note: '63 blocks × 16',
    },
    rtx: {
      value: { encapsulation: 'map-e', mapEType: 'ocn' },
      sources: [S.yamahaConfigs, ref('§4.1')],
      confidence: 'confirmed',
    },
    samePrefixesAs: [],
  },
  {
    id: 'biglobe',
    name: 'BIGLOBE IPv6 option',
    nameJa: 'BIGLOBE IPv6オプション',
    operator: { value: 'BIGLOBE', sources: [S.fc2, ref('§2.1')], confidence: 'confirmed' },
    encapsulation: { value: 'map-e', sources: [S.fc2, ref('§1.3, §2.1')], confidence: 'confirmed' },
    endpoints: {
      value: [
        {
          address: '2001:260:700:1::1:275',
          region: 'east',
          note: 'rules 2404:7a80::/31 and the /38 rules under 2404:7a82::/31',
        },
        {
          address: '2001:260:700:1::1:276',
          region: 'west',
          note: 'rules 2404:7a84::/31 and the /38 rules under 2404:7a86::/31',
        },
      ],
      sources: [S.fc2, S.ikmLuci, S.vyosNotes, ref('§2.1, §5.1, §6 #5')],
      confidence: 'confirmed',
      note: 'Not the DMR 2404:9200:225:100::64 from the rule server: replies come from :275/:276.',
    },
    mapE: {
      value: {
        ruleProviderId: 'biglobe',
        interfaceId: 'draft03',
        psidLength: 8,
        psidOffset: 4,
        ruleServer: 'https://api.enabler.ne.jp/<vendor-key>/get_rules',
      },
      sources: [S.fc2, S.vyosNotes, ref('§1.3, §2.1, §2.2')],
      confidence: 'confirmed',
    },
    interfaceId: null,
    update: null,
    mtu: MAP_E_MTU,
    portsPerCe: { value: 240, sources: [S.fc2, ref('§1.3')], confidence: 'confirmed', note: '15 blocks × 16' },
    rtx: {
      value: { encapsulation: 'map-e', mapEType: 'v6plus' },
      sources: [ref('§2.1, §2.2, §4.1')],
      confidence: 'inferred',
      note: 'Same rule server and parameters as v6plus; no public RTX config for BIGLOBE was found.',
    },
    samePrefixesAs: [],
  },
  {
    id: 'transix-dslite',
    name: 'transix DS-Lite',
    nameJa: 'transix DS-Lite',
    operator: { value: 'Internet Multifeed (transix)', sources: [ref('§3.2')], confidence: 'confirmed' },
    encapsulation: { value: 'ds-lite', sources: [S.yamahaIpip, ref('§3.2')], confidence: 'confirmed' },
    endpoints: {
      value: [
        { name: 'gw.transix.jp', note: 'AFTR name; resolves per region' },
        { address: '2404:8e00::feed:100', region: 'east' },
        { address: '2404:8e01::feed:100', region: 'west' },
      ],
      sources: [S.yamahaIpip, S.openwrtDslite, ref('§3.2')],
      confidence: 'confirmed',
      note: 'Addresses are source-says (public scripts); older LuCI code used 2001:c28:5:301::11.',
    },
    mapE: null,
    interfaceId: null,
    update: null,
    mtu: DS_LITE_MTU,
    portsPerCe: {
      value: 1024,
      sources: [S.y2tech, ref('§3.2')],
      confidence: 'source-says',
      note: 'About 1024, enforced by NAPT at the AFTR; the CE needs no port-set SNAT.',
    },
    rtx: {
      value: { encapsulation: 'ipip', endpointName: 'gw.transix.jp' },
      sources: [S.yamahaIpip, ref('§3.2')],
      confidence: 'confirmed',
    },
    samePrefixesAs: ['transix-fixed'],
  },
  {
    id: 'transix-fixed',
    name: 'transix fixed IP',
    nameJa: 'transix IPv4接続（固定IP）',
    operator: { value: 'Internet Multifeed (transix)', sources: [S.transixStatic, ref('§3.2')], confidence: 'confirmed' },
    encapsulation: { value: 'ipip', sources: [S.transixStatic, S.t6s, ref('§3.2')], confidence: 'confirmed' },
    endpoints: {
      value: [{ address: '2404:8e00::feed:100', note: 'remote in a public sample; the notice gives yours' }],
      sources: [S.ubuntuTransix, ref('§3.2')],
      confidence: 'source-says',
      note: 'Given per contract in the notice.',
    },
    mapE: null,
    interfaceId: {
      value: 'Provider-assigned interface ID appended to the prefix (a public sample uses <prefix>::feed)',
      sources: [S.transixStatic, S.ubuntuTransix, ref('§3.2')],
      confidence: 'source-says',
    },
    update: {
      value: {
        urlTemplate: 'http://update.transix.jp/request?username={user}&password={password}',
        method: 'GET',
        successStatus: 200,
        successBody: 'OK',
        sendOverIpv6: true,
      },
      sources: [S.t6s + ' (forces IPv6: uclient-fetch -6 / curl -6)', S.ubuntuTransix, ref('§3.2')],
      confidence: 'confirmed',
    },
    mtu: {
      value: 1460,
      sources: [S.mtuArithmetic, ref('§3.2')],
      confidence: 'inferred',
      note: 'hmr/openwrt-t6s defaults to 1280 unless set.',
    },
    portsPerCe: { value: 65536, sources: [S.transixStatic], confidence: 'confirmed', note: 'A whole IPv4 address.' },
    rtx: { value: { encapsulation: 'ipip' }, sources: [S.yamahaIpip, ref('§3.2, §4.1')], confidence: 'confirmed' },
    samePrefixesAs: ['transix-dslite'],
  },
  {
    id: 'xpass',
    name: 'Xpass',
    nameJa: 'クロスパス',
    operator: { value: 'ARTERIA Networks (Asahi Net)', sources: [ref('§3.3')], confidence: 'source-says' },
    encapsulation: { value: 'ds-lite', sources: [ref('§3.3')], confidence: 'source-says' },
    endpoints: {
      value: [
        { name: 'dgw.xpass.jp', note: 'AFTR name' },
        { address: '2001:f60:0:200::1:1', note: 'listed in one public database' },
        { address: '2001:f60:0:200::1', note: 'used in public LuCI code' },
      ],
      sources: ['public LuCI wizard code', ref('§3.3')],
      confidence: 'source-says',
      note: 'Prefer the name; the two addresses disagree between sources.',
    },
    mapE: null,
    interfaceId: null,
    update: null,
    mtu: DS_LITE_MTU,
    portsPerCe: {
      value: null,
      sources: [ref('§3.3')],
      confidence: 'source-says',
      note: 'Not published; NAPT at the AFTR.',
    },
    rtx: {
      value: { encapsulation: 'ipip', endpointName: 'dgw.xpass.jp' },
      sources: [S.yamahaIpip, ref('§3.2, §3.3')],
      confidence: 'inferred',
    },
    samePrefixesAs: [],
  },
  {
    id: 'v6connect',
    name: 'v6 Connect',
    nameJa: 'v6コネクト',
    operator: { value: 'Asahi Net (v6 Connect)', sources: [ref('§3.3')], confidence: 'source-says' },
    encapsulation: { value: 'ds-lite', sources: [ref('§3.3')], confidence: 'source-says' },
    endpoints: {
      value: [{ name: 'dslite.v6connect.net', note: 'AFTR name' }],
      sources: [ref('§3.3')],
      confidence: 'source-says',
      note: 'Some code uses 2404:8e00::feed:100 (transix) for v6 Connect, likely a copy error.',
    },
    mapE: null,
    interfaceId: null,
    update: null,
    mtu: DS_LITE_MTU,
    portsPerCe: {
      value: null,
      sources: [ref('§3.3')],
      confidence: 'source-says',
      note: 'Not published; NAPT at the AFTR.',
    },
    rtx: {
      value: { encapsulation: 'ipip', endpointName: 'dslite.v6connect.net' },
      sources: [S.yamahaIpip, ref('§3.3')],
      confidence: 'inferred',
    },
    samePrefixesAs: [],
  },
];

export function serviceById(id: ServiceId): ServiceRecord {
  const service = SERVICES.find((s) => s.id === id);
  if (!service) throw new Error(`no service "${id}" in the catalog`);
  return service;
}

/**
 * Fixed-IP services: IPIP to a BR, the whole IPv4 address from the registration notice, and an update server to
 * tell of the CE's address. Read from the catalog's encapsulation, never from a list of ids.
 */
export function isFixedIp(id: ServiceId): boolean {
  return serviceById(id).encapsulation.value === 'ipip';
}
