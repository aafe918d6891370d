/**
 * The HB46PP client: ask the line's DNS for the TXT record of 4over6.info, GET the provisioning server with the
 * CPE's identity (following at most 5 redirects, verifying the certificate when t=b), and check the answer.
 * Every failure ends in a ProvisioningRecord that says what happened and when to ask again, so the caller falls
 * back to the catalog and says why. The same client serves the Linux CE plan (its I/O on the CE, io-shell.ts)
 * and checks from this computer (io-node.ts); only the I/O differs.
 */
import { readFileSync } from 'node:fs';
import {
  HB46PP_MAX_REDIRECTS,
  HB46PP_TXT_NAME,
  Hb46ppError,
  hb46ppFailure,
  hb46ppVersion,
  parseAnswer,
  parseHttpUrl,
  parseTxtRecords,
  provisioningRecord,
  requestUrl,
  resolveLocation,
  formatHttpUrl,
  withoutQuery,
  type CpeIdentity,
  type Hb46ppCapability,
  type Hb46ppServer,
  type ProvisioningRecord,
  type RequestExtras,
} from '../../shared/provisioning/index.js';
import { appResources } from '../paths.js';

/** One DNS question's result, whichever client asked it. */
export type DnsAnswer = { kind: 'answers'; values: string[] } | { kind: 'nxdomain' } | { kind: 'nodata' } | { kind: 'fail'; why: string };

/** One HTTP GET's result (no redirect followed). */
export type HttpReply =
  | { kind: 'reply'; status: number; location: string | null; body: string }
  | { kind: 'timeout' }
  | { kind: 'unreachable'; why: string }
  | { kind: 'certificate'; why: string };

export interface ProvisioningIo {
  /** The line's DNS servers, best first (RA RDNSS / DHCPv6 as the host learned them). */
  lineDns(): Promise<string[]>;
  txt(name: string, server: string): Promise<DnsAnswer>;
  get(url: string, opts: { verifyCertificate: boolean; timeoutMs: number }): Promise<HttpReply>;
}

export interface LookupOptions {
  capabilities?: readonly Hb46ppCapability[];
  extras?: RequestExtras;
  timeoutMs?: number;
  /** For the no-line-dns message: the WAN whose DNS was looked for. */
  wan?: string;
}

/**
 * What IPoE Doctor says of itself. It has no IEEE OUI: it sends the spec's own example OUI (acde48) with the code
 * `ipoe_doctor`, so a provider can tell it apart from a router.
 */
export function cpeIdentity(capabilities: readonly Hb46ppCapability[] = ['map_e', 'dslite', 'ipip']): CpeIdentity {
  let version = '0';
  try {
    version = (JSON.parse(readFileSync(appResources().packageJson, 'utf8')) as { version?: string }).version ?? '0';
  } catch {
    // Without a package.json (a bundle run from elsewhere) the version is unknown: 0.
  }
  return { vendorId: 'acde48-ipoe_doctor', product: 'IPoE-Doctor', version: hb46ppVersion(version), capabilities };
}

/** TXT strings as DNS clients print them: `"v=v6mig-1 url=… t=b"` (long ones in several quoted chunks). */
export function txtValue(printed: string): string {
  const chunks = [...printed.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
  return chunks.length ? chunks.join('') : printed.trim();
}

export async function lookupProvisioning(io: ProvisioningIo, opts: LookupOptions = {}): Promise<ProvisioningRecord> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const servers = await io.lineDns();
  if (servers.length === 0) {
    return provisioningRecord({ dnsServer: null, server: null, chain: [], answer: null, failure: hb46ppFailure('no-line-dns', { wan: opts.wan ?? '?' }) });
  }
  // The TXT record, from the first line DNS server that answers at all.
  let server: Hb46ppServer | null = null;
  let dnsServer: string | null = null;
  const fails: string[] = [];
  for (const s of servers) {
    const a = await io.txt(HB46PP_TXT_NAME, s);
    if (a.kind === 'fail') {
      fails.push(`${s}: ${a.why}`);
      continue;
    }
    dnsServer = s;
    if (a.kind !== 'answers') {
      const status = a.kind === 'nxdomain' ? 'NXDOMAIN' : 'NODATA';
      return provisioningRecord({ dnsServer, server: null, chain: [], answer: null, failure: hb46ppFailure('no-provisioning', { server: s, status }) });
    }
    try {
      server = parseTxtRecords(a.values.map(txtValue));
    } catch (err) {
      if (err instanceof Hb46ppError) return provisioningRecord({ dnsServer, server: null, chain: [], answer: null, failure: err.failure });
      throw err;
    }
    break;
  }
  if (!server) {
    return provisioningRecord({ dnsServer: null, server: null, chain: [], answer: null, failure: hb46ppFailure('dns-failure', { why: fails.join('; ') }) });
  }

  const chain: string[] = [];
  let url = requestUrl(server, cpeIdentity(opts.capabilities), opts.extras);
  const done = (failure: ReturnType<typeof hb46ppFailure> | null, answer: ReturnType<typeof parseAnswer> | null = null) =>
    provisioningRecord({ dnsServer, server, chain: [...chain], answer, failure });
  for (let hop = 0; ; hop++) {
    chain.push(withoutQuery(url));
    const shown = withoutQuery(url);
    const r = await io.get(url, { verifyCertificate: server.verifyCertificate, timeoutMs });
    if (r.kind === 'timeout') return done(hb46ppFailure('timeout', { url: shown, seconds: Math.round(timeoutMs / 1000) }));
    if (r.kind === 'unreachable') return done(hb46ppFailure('unreachable', { url: shown, why: r.why }));
    if (r.kind === 'certificate') return done(hb46ppFailure('certificate', { url: shown, why: r.why }));
    if (r.status >= 300 && r.status < 400 && r.location) {
      if (hop >= HB46PP_MAX_REDIRECTS) return done(hb46ppFailure('too-many-redirects', { max: HB46PP_MAX_REDIRECTS, url: shown }));
      const base = parseHttpUrl(url);
      const next = base ? resolveLocation(base, r.location) : null;
      if (!next) return done(hb46ppFailure('http-status', { status: r.status, url: `${shown} → ${r.location}` }));
      url = formatHttpUrl(next);
      continue;
    }
    if (r.status === 403 || r.status === 404) return done(hb46ppFailure('source-unknown', { status: r.status, url: shown }));
    if (r.status !== 200) return done(hb46ppFailure('http-status', { status: r.status, url: shown }));
    try {
      return done(null, parseAnswer(r.body));
    } catch (err) {
      if (err instanceof Hb46ppError) return done(err.failure);
      throw err;
    }
  }
}
