/**
 * Consumer routers (the ones a home user buys in Japan) and which IPv4-over-IPv6 services each can run, as data.
 * Every value names its sources and how sure it is: `confirmed` (the vendor's own list or several independent
 * reports), `source-says` (one public source, e.g. a field report), `inferred` (the model's support as its product
 * listing is commonly reported, not yet checked here against the vendor's verified-service list, which is named as
 * the source: confirm there before relying on it; only a "no" with a source makes a finding of "cannot").
 * A service missing from a row is unknown, never "cannot"; a model missing from the table is unlisted.
 * docs/consumer-routers.md is generated from it (`npx tsx build/consumer-routers-doc.ts`; a unit test fails while
 * it is stale). Adding a model or a firmware note is one edit of a row.
 */
import type { Confidence, ServiceId } from '../services/index.js';

export interface RouterServiceSupport {
  support: 'yes' | 'no';
  confidence: Confidence;
  sources: readonly string[];
  /** The firmware the value holds for, when a source names one. */
  firmware?: string;
  note?: string;
}

export interface ConsumerRouter {
  vendor: string;
  model: string;
  /** Other spellings a user may type (the model without its colour suffix, the vendor's Japanese name). */
  aliases?: readonly string[];
  services: Partial<Record<ServiceId, RouterServiceSupport>>;
}

/** Where each vendor publishes the services it has verified per model: the place to confirm an inferred value. */
export const VENDOR_LISTS: Readonly<Record<string, string>> = {
  ELECOM: 'https://www.elecom.co.jp/support/list/network/ipv6/ (動作確認済みIPv6(IPoE)接続サービス対応表)',
  BUFFALO: "buffalo.jp support: the model's IPv6 (IPoE) service compatibility list",
  NEC: 'aterm.jp: the IPv4 over IPv6 services each Aterm model has been verified with',
  'I-O DATA': "iodata.jp: the model's IPv6 (IPoE) compatibility list",
};

const FIELD_000 = 'field report 000 (2022-12-12, Kamome Internet v6plus fixed IP over JPNE): Elecom support named the model as not supporting the line';
const WRC_MENU = 'field report 000: the WRC-X6000XS WAN settings offer "v6plus fixed IP service" as a connection type';
const vendorList = (vendor: string) => `${vendor} list: ${VENDOR_LISTS[vendor] ?? vendor}`;

/** The dynamic-IP services (MAP-E and DS-Lite) a model's page lists, each inferred from the vendor's list. */
const DYNAMIC_ALL: readonly ServiceId[] = ['v6plus', 'biglobe', 'ocn-vc', 'transix-dslite', 'xpass', 'v6connect'];
const DYNAMIC_NO_BIGLOBE: readonly ServiceId[] = ['v6plus', 'ocn-vc', 'transix-dslite', 'xpass', 'v6connect'];
const inferredFor = (vendor: string, ids: readonly ServiceId[]): ConsumerRouter['services'] =>
  Object.fromEntries(ids.map((id) => [id, { support: 'yes', confidence: 'inferred', sources: [vendorList(vendor)] } satisfies RouterServiceSupport]));

export const CONSUMER_ROUTERS: readonly ConsumerRouter[] = [
  {
    vendor: 'ELECOM',
    model: 'WRC-X6000XS',
    aliases: ['WRC-X6000XS-G', 'エレコム WRC-X6000XS'],
    services: {
      'v6plus-fixed': {
        support: 'no',
        confidence: 'source-says',
        sources: [FIELD_000, WRC_MENU, vendorList('ELECOM')],
        note: 'The WAN menu offers "v6plus fixed IP", yet the router reconnected in a loop and the vendor said the line is not supported (not on its verified list). Treat it as unable until the vendor lists the service.',
      },
      v6plus: { support: 'yes', confidence: 'inferred', sources: [vendorList('ELECOM')] },
      'ocn-vc': { support: 'yes', confidence: 'inferred', sources: [vendorList('ELECOM')] },
      'transix-dslite': { support: 'yes', confidence: 'inferred', sources: [vendorList('ELECOM')] },
      xpass: { support: 'yes', confidence: 'inferred', sources: [vendorList('ELECOM')] },
      v6connect: { support: 'yes', confidence: 'inferred', sources: [vendorList('ELECOM')] },
    },
  },
  {
    vendor: 'BUFFALO',
    model: 'WXR-5950AX12',
    services: inferredFor('BUFFALO', DYNAMIC_ALL),
  },
  {
    vendor: 'BUFFALO',
    model: 'WSR-1800AX4S',
    aliases: ['WSR-1800AX4S-BK', 'WSR-1800AX4S-WH'],
    services: inferredFor('BUFFALO', DYNAMIC_ALL),
  },
  {
    vendor: 'NEC',
    model: 'Aterm WX5400HP',
    aliases: ['WX5400HP', 'PA-WX5400HP'],
    services: inferredFor('NEC', DYNAMIC_ALL),
  },
  {
    vendor: 'NEC',
    model: 'Aterm WG1200HS4',
    aliases: ['WG1200HS4', 'PA-WG1200HS4'],
    services: inferredFor('NEC', DYNAMIC_NO_BIGLOBE),
  },
  {
    vendor: 'I-O DATA',
    model: 'WN-DAX3000GR',
    services: inferredFor('I-O DATA', DYNAMIC_NO_BIGLOBE),
  },
];

const squash = (s: string) => s.toUpperCase().replace(/[\s_\-‐－]/g, '');
const VENDOR_WORDS = /^(ELECOM|エレコム|BUFFALO|バッファロー|NEC|I-?O ?DATA|アイ・?オー・?データ|ATERM)\s*/i;

/**
 * The row for what a user typed ("Elecom WRC-X6000XS", "wrc-x6000xs", "Aterm WX5400HP"), or null. The vendor
 * word is optional; spaces, hyphens and case do not matter.
 */
export function findConsumerRouter(typed: string): ConsumerRouter | null {
  let t = typed.trim();
  while (VENDOR_WORDS.test(t)) t = t.replace(VENDOR_WORDS, '');
  const want = squash(t);
  if (!want) return null;
  for (const r of CONSUMER_ROUTERS) {
    const names = [r.model, ...(r.aliases ?? [])].map(squash);
    if (names.some((n) => n === want || n.replace(/^ATERM/, '') === want)) return r;
  }
  return null;
}

/** Models the table says can run the service (any confidence), for "a router that supports the service". */
export function routersFor(service: ServiceId): ConsumerRouter[] {
  return CONSUMER_ROUTERS.filter((r) => r.services[service]?.support === 'yes');
}
