/**
 * The Yamaha router models IPoE Doctor knows, as data: what each can do for IPv4 over IPv6 and from which firmware
 * on, its LAN/WAN port names and its console defaults. Every value names its sources and how sure it is:
 * `confirmed` (a primary source or several independent ones), `source-says` (one public source) or `inferred`
 * (derived from the sources, with the reasoning in `note`). docs/rtx-models.md is generated from it for people
 * (`npx tsx build/models-doc.ts`; a unit test fails while it is stale).
 *
 * The diagnosis (FIRMWARE_TOO_OLD, DEVICE_UNSUPPORTED_SERVICE, DEVICE_MODEL_UNLISTED) and the set-up plans
 * (shared/rtx/setup/) only look things up here: a new model, or a newly confirmed revision, is one edit of a row.
 * A model missing from the table is "unlisted" (never "cannot"); a feature missing from a row is unknown.
 */
import type { Confidence } from '../services/index.js';

/** The router features a service needs (a set-up plan uses exactly these commands). */
export type RtxFeature =
  /** `tunnel encapsulation map-e` with `tunnel map-e type v6plus` (v6plus, BIGLOBE). */
  | 'map-e'
  /** `tunnel map-e type ocn` (OCN Virtual Connect). */
  | 'map-e-ocn'
  /** `tunnel encapsulation ipip` with `tunnel endpoint address` (fixed IP; DS-Lite by address). */
  | 'ipip'
  /** `tunnel endpoint name FQDN fqdn`: a DS-Lite AFTR by name (gw.transix.jp …). */
  | 'endpoint-name'
  /** Lua scripts with `rt.httprequest` (the fixed-IP update notification), kept as an `embedded file`. */
  | 'lua';

export const RTX_FEATURES: readonly RtxFeature[] = ['map-e', 'map-e-ocn', 'ipip', 'endpoint-name', 'lua'];

/** One value with where it comes from. */
export interface Sourced<T> {
  value: T;
  confidence: Confidence;
  sources: readonly string[];
  note?: string;
}

export interface FeatureSupport {
  support: 'yes' | 'no';
  /** The first firmware with the feature (`15.02.03`), or null when no source gives it (the rules then stay silent). */
  minimum: string | null;
  confidence: Confidence;
  sources: readonly string[];
  note?: string;
}

export interface ConsoleDefaults {
  /** Serial console speed (8 data bits, no parity, 1 stop bit). */
  baud: number;
  /** `password`: a login password only (empty from the factory); `user`: a user name and password. */
  login: 'password' | 'user';
  /** The factory login user, when the model has one (`admin`). */
  factoryUser: string | null;
  /** The factory password ('' = none); a `user` login must be given a new one at the first login. */
  factoryPassword: string;
  /** The factory LAN1 address and DHCP scope: the LAN a factory-fresh router serves. */
  lanAddress: string;
  dhcpScope: string;
}

export interface RtxModel {
  model: string;
  features: Partial<Record<RtxFeature, FeatureSupport>>;
  /** `ip <lan> address` of the LAN side and the NGN-facing interface (the ONU / home gateway side). */
  ports: Sourced<{ lan: string; wan: string }>;
  console: Sourced<ConsoleDefaults>;
  /** What `show config` prints after `# Memory`, where a source shows it (the twin's scenarios use it). */
  memory?: Sourced<string>;
}

const DOMAIN = 'shared/reference/ipoe-domain.md';
const FORMATS = 'shared/reference/rtx-output-formats.md';

const S = {
  serial: `${DOMAIN} §4.3 (yamaha.com techdocs "The serial interface": 9600 bit/s, 8N1)`,
  restTerm: 'rest-term.com technote "YAMAHA Router" (RTX830: "Rev.15.02.03以降でMAP-E方式に正式対応", v6plus on the official example)',
  generator: `${DOMAIN} §4.1 (a public config generator: "map-e対応はファーム Rev.15.04系")`,
  cmdrefPair:
    'Yamaha command reference (rt-common) revision notes pairing "RTX1210 Rev.14.01.26 以降、RTX830 Rev.15.02.03 以降" as the same feature release',
  luaTable:
    'rtpro.yamaha.co.jp/RT/docs/lua/ model and firmware table, as quoted in a public project doc: RTX830 Rev.15.02.03, RTX1210 Rev.14.01.26, RTX1220 Rev.15.04.01 (first), RTX1300 Rev.23.00.03 (first), RTX3510 Rev.23.01.01 (first), NVR510 Rev.15.01.09, NVR700W Rev.15.00.10 for Lua 1.08; RTX1200 Rev.10.01.65 and RTX810 Rev.11.01.25 for Lua 1.07',
  domainMapE: `${DOMAIN} §4.1 (MAP-E on RTX830 came with the Rev.15.02/15.04-era firmware; RTX1300 Rev.23.00.xx)`,
  ocnConfigs: `${DOMAIN} §4.1 ("tunnel map-e type v6plus | ocn" in public configs) and public RTX1300 config generators ("tunnel map-e type ocn")`,
  dslite: `${DOMAIN} §3.2 (Yamaha DS-Lite: tunnel encapsulation ipip + tunnel endpoint name gw.transix.jp; "FQDN works on RTX830; older firmware needed tunnel endpoint address"; rtpro.yamaha.co.jp/RT/docs/ipip/index.html#setting9)`,
  kznrluk: `${DOMAIN} §3.1, §4.2 (kznrluk: RTX1300 Rev.23.00.04 v6plus fixed IP over IPIP, Lua notification as emfs:/v6plus_address_notification.lua)`,
  rtx1300Readme: 'a public RTX1300 router README ("Factory reset … Login admin / admin, LAN 192.168.100.1 on ports 1-8")',
  rtx1300Notes: `${DOMAIN} §4.3 ("RTX1300 requires user login; factory user admin/admin, must be changed at first login")`,
  factoryLan:
    'public NVR510 config READMEs ("192.168.100.1（デフォルト）", DHCP "192.168.100.2-192.168.100.191") and a Qiita note ("初期設定でだいたいDHCPと192.168.100.1/24", RTX1200 and later)',
  headers: `${FORMATS} (show config headers: RTX830 "256Mbytes, 2LAN", RTX1210 "256Mbytes, 3LAN, 1BRI", RTX1300 "1024Mbytes, 8LAN") and a public NVR510 config ("256Mbytes, 2LAN, 1ONU")`,
  lanWanExamples: `${DOMAIN} §4.1 (every public IPoE config: ngn type lan2 ntt, ipv6 lan2 dhcp service client, LAN on lan1)`,
  rtx1200Capture: `${FORMATS} (a real RTX1200 Rev.10.01.71 capture)`,
} as const;

const FACTORY_LAN = { lanAddress: '192.168.100.1/24', dhcpScope: '192.168.100.2-192.168.100.191/24' } as const;

const passwordConsole = (confidence: Confidence, note?: string): Sourced<ConsoleDefaults> => ({
  value: { baud: 9600, login: 'password', factoryUser: null, factoryPassword: '', ...FACTORY_LAN },
  confidence,
  sources: [S.serial, S.factoryLan],
  ...(note ? { note } : {}),
});

const userConsole = (confidence: Confidence, sources: readonly string[], note?: string): Sourced<ConsoleDefaults> => ({
  value: { baud: 9600, login: 'user', factoryUser: 'admin', factoryPassword: 'admin', ...FACTORY_LAN },
  confidence,
  sources: [S.serial, ...sources],
  ...(note ? { note } : {}),
});

const lan1lan2 = (confidence: Confidence, note?: string): Sourced<{ lan: string; wan: string }> => ({
  value: { lan: 'lan1', wan: 'lan2' },
  confidence,
  sources: [S.lanWanExamples],
  ...(note ? { note } : {}),
});

const yes = (minimum: string | null, confidence: Confidence, sources: readonly string[], note?: string): FeatureSupport => ({
  support: 'yes',
  minimum,
  confidence,
  sources,
  ...(note ? { note } : {}),
});

const NO_MAPE_NOTE =
  'The last firmware lines of this generation (RTX1200 Rev.10.01, RTX810 Rev.11.01) predate Yamaha\u2019s MAP-E, which arrived with the Rev.15.02-era firmware of the next generation.';

export const RTX_MODELS: readonly RtxModel[] = [
  {
    model: 'RTX830',
    features: {
      'map-e': yes('15.02.03', 'source-says', [S.restTerm, S.domainMapE], 'A public config generator says "Rev.15.04系"; use the latest Rev.15.02.xx.'),
      'map-e-ocn': yes('15.02.03', 'inferred', [S.ocnConfigs], 'The first revision with the ocn type is not in our sources: the MAP-E minimum is assumed.'),
      ipip: yes(null, 'source-says', [S.dslite]),
      'endpoint-name': yes(null, 'source-says', [S.dslite]),
      lua: yes('15.02.03', 'inferred', [S.luaTable], 'The table gives Rev.15.02.03 for Lua 1.08 (HTTPS); the plain-HTTP update call needs less.'),
    },
    ports: lan1lan2('confirmed'),
    console: passwordConsole('source-says'),
    memory: { value: '256Mbytes, 2LAN', confidence: 'confirmed', sources: [S.headers] },
  },
  {
    model: 'RTX1210',
    features: {
      'map-e': yes('14.01.26', 'inferred', [S.cmdrefPair, S.restTerm], 'Rev.14.01.26 is the RTX1210 release the command reference pairs with RTX830 Rev.15.02.03, the first with MAP-E.'),
      'map-e-ocn': yes('14.01.26', 'inferred', [S.ocnConfigs, S.cmdrefPair], 'The MAP-E minimum is assumed for the ocn type.'),
      ipip: yes(null, 'inferred', [S.dslite]),
      'endpoint-name': yes(null, 'inferred', [S.dslite], 'The same firmware family as the RTX830, where FQDN endpoints work.'),
      lua: yes('14.01.26', 'inferred', [S.luaTable]),
    },
    ports: lan1lan2('inferred', 'LAN1 is the 8-port switch; LAN2 faces the line in Yamaha\u2019s IPoE examples; LAN3 is free.'),
    console: passwordConsole('inferred'),
    memory: { value: '256Mbytes, 3LAN, 1BRI', confidence: 'confirmed', sources: [S.headers] },
  },
  {
    model: 'RTX1220',
    features: {
      'map-e': yes('15.04.01', 'inferred', [S.generator, S.luaTable], 'Rev.15.04.01 is the RTX1220\u2019s first firmware, of the Rev.15.04 line that has MAP-E.'),
      'map-e-ocn': yes('15.04.01', 'inferred', [S.ocnConfigs, S.luaTable]),
      ipip: yes('15.04.01', 'inferred', [S.dslite, S.luaTable]),
      'endpoint-name': yes('15.04.01', 'inferred', [S.dslite, S.luaTable]),
      lua: yes('15.04.01', 'source-says', [S.luaTable]),
    },
    ports: lan1lan2('inferred', 'LAN1 is the switch; LAN2 faces the line, as on the RTX1210 it replaces.'),
    console: userConsole('inferred', [S.rtx1300Notes], 'The login user of the RTX1300 generation is assumed for this model of the same period.'),
    memory: { value: '512Mbytes, 3LAN', confidence: 'inferred', sources: [S.headers], note: 'No public RTX1220 header was found; the shape follows the RTX1210.' },
  },
  {
    model: 'RTX1300',
    features: {
      'map-e': yes('23.00.03', 'source-says', [S.domainMapE, S.luaTable], 'Rev.23.00.03 is the first RTX1300 firmware; MAP-E is in the Rev.23.00 line.'),
      'map-e-ocn': yes('23.00.03', 'source-says', [S.ocnConfigs, S.luaTable]),
      ipip: yes('23.00.03', 'confirmed', [S.kznrluk, S.luaTable]),
      'endpoint-name': yes('23.00.03', 'inferred', [S.dslite, S.luaTable]),
      lua: yes('23.00.03', 'confirmed', [S.kznrluk, S.luaTable]),
    },
    ports: {
      value: { lan: 'lan1', wan: 'lan2' },
      confidence: 'inferred',
      sources: [S.rtx1300Readme, S.lanWanExamples],
      note: 'From the factory LAN1 is ports 1-8; LAN2 (port 9) faces the line in public RTX1300 configs.',
    },
    console: userConsole('source-says', [S.rtx1300Readme, S.rtx1300Notes]),
    memory: { value: '1024Mbytes, 8LAN', confidence: 'confirmed', sources: [S.headers] },
  },
  {
    model: 'RTX3510',
    features: {
      'map-e': yes('23.01.01', 'inferred', [S.domainMapE, S.luaTable], 'Rev.23.01.01 is the first RTX3510 firmware, of the generation after the RTX1300\u2019s Rev.23.00.'),
      'map-e-ocn': yes('23.01.01', 'inferred', [S.ocnConfigs, S.luaTable]),
      ipip: yes('23.01.01', 'inferred', [S.dslite, S.luaTable]),
      'endpoint-name': yes('23.01.01', 'inferred', [S.dslite, S.luaTable]),
      lua: yes('23.01.01', 'source-says', [S.luaTable]),
    },
    ports: lan1lan2('inferred', 'Port names are assumed to follow the RTX1300 (LAN1 to the office, LAN2 to the line).'),
    console: userConsole('inferred', [S.rtx1300Notes]),
  },
  {
    model: 'NVR510',
    features: {
      'map-e': yes(null, 'inferred', [S.domainMapE], 'The NVR510 runs the Rev.15.01 line next to the RTX830\u2019s Rev.15.02; the first revision with MAP-E is not in our sources.'),
      'map-e-ocn': yes(null, 'inferred', [S.ocnConfigs]),
      ipip: yes(null, 'source-says', ['a public NVR510 Rev.15.01.14 config (tunnel encapsulation ipip, tunnel endpoint address)', S.dslite]),
      'endpoint-name': yes(null, 'inferred', [S.dslite]),
      lua: yes('15.01.09', 'source-says', [S.luaTable]),
    },
    ports: lan1lan2('source-says', 'LAN1 is the 4-port switch; LAN2 is the WAN port (public NVR510 configs: ngn type lan2 ntt, pppoe use lan2).'),
    console: passwordConsole('source-says'),
    memory: { value: '256Mbytes, 2LAN, 1ONU', confidence: 'source-says', sources: [S.headers] },
  },
  {
    model: 'NVR700W',
    features: {
      'map-e': yes(null, 'inferred', [S.domainMapE], 'Rev.15.00 line; the first revision with MAP-E is not in our sources.'),
      'map-e-ocn': yes(null, 'inferred', [S.ocnConfigs]),
      ipip: yes(null, 'inferred', [S.dslite]),
      'endpoint-name': yes(null, 'inferred', [S.dslite]),
      lua: yes('15.00.10', 'source-says', [S.luaTable]),
    },
    ports: lan1lan2('inferred'),
    console: passwordConsole('inferred'),
  },
  {
    model: 'RTX1200',
    features: {
      'map-e': { support: 'no', minimum: null, confidence: 'inferred', sources: [S.domainMapE, S.rtx1200Capture], note: NO_MAPE_NOTE },
      'map-e-ocn': { support: 'no', minimum: null, confidence: 'inferred', sources: [S.domainMapE], note: NO_MAPE_NOTE },
      ipip: yes(null, 'inferred', [S.dslite], 'IPv4-over-IPv6 IPIP predates MAP-E on Yamaha routers; DS-Lite by address.'),
      lua: yes('10.01.65', 'source-says', [S.luaTable], 'Lua 1.07 at most.'),
    },
    ports: lan1lan2('inferred'),
    console: passwordConsole('inferred'),
  },
  {
    model: 'RTX810',
    features: {
      'map-e': { support: 'no', minimum: null, confidence: 'inferred', sources: [S.domainMapE], note: NO_MAPE_NOTE },
      'map-e-ocn': { support: 'no', minimum: null, confidence: 'inferred', sources: [S.domainMapE], note: NO_MAPE_NOTE },
      ipip: yes(null, 'inferred', [S.dslite]),
      lua: yes('11.01.25', 'source-says', [S.luaTable], 'Lua 1.07 at most.'),
    },
    ports: lan1lan2('inferred'),
    console: passwordConsole('inferred'),
  },
];

/** -1, 0, 1 comparing dotted revisions numerically (`15.02.9` < `15.02.31`). */
export function compareRevision(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (Number.isNaN(d)) return 0;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The table's row for a model name as a router prints it (`RTX830`, `nvr510`), or undefined (unlisted). */
export function rtxModel(model: string): RtxModel | undefined {
  const m = model.trim().toUpperCase();
  return RTX_MODELS.find((r) => r.model === m);
}

/** What the table says of a model and feature: a row's entry, or undefined (unlisted model or unknown feature). */
export function featureSupport(model: string, feature: RtxFeature): FeatureSupport | undefined {
  return rtxModel(model)?.features[feature];
}
