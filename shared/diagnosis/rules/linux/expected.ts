/**
 * What the line expects of a Linux/VyOS CE: the service, its BR/AFTR, the MAP-E CE address, IPv4 and port set.
 *
 * The prefix comes from the kernel's global IPv6 addresses (RA/DHCPv6 on the WAN) first, then VyOS-configured
 * addresses, then RA routes, and only last from the tunnel's own local address: a wrong CE must not be the
 * yardstick it is measured with. Fixed IP and DS-Lite share address space with MAP-E or have no rule table, so
 * the tunnel's remote (or the user's contract notice) tells them apart.
 */
import { Address6 } from 'ip-address';
import { calculateMapE, fixedIpCeAddress, type MapEResult } from '../../../mape/index.js';
import { SERVICES, serviceById, type Encapsulation, type ServiceId, type ServiceRecord } from '../../../services/index.js';
import { sameAddress, type CeAddress, type CeTunnel } from '../../../linux/facts.js';
import type { Evidence as LinuxEvidence } from '../../../linux/evidence.js';
import type { Route } from '../../../linux/ip-route.js';
import type { DiagnosisContext } from '../../context.js';

export interface PrefixSource {
  address: string;
  origin: 'wan-address' | 'vyos-address' | 'ra-route' | 'tunnel-local';
  evidence: LinuxEvidence;
}

export interface LinuxService {
  service: ServiceRecord | null;
  serviceId: ServiceId | null;
  encapsulation: Encapsulation | null;
  /** MAP-E parameters for the line's prefix (null for fixed IP / DS-Lite / unknown prefix). */
  mape: MapEResult | null;
  /** Remotes that are right for this line; empty when nothing is known. */
  acceptableBrs: string[];
  /** The BR/AFTR to configure. */
  br: string | null;
  /**
   * True when acceptableBrs is the whole truth (MAP-E table, contract notice). For fixed IP without a notice
   * only the known-wrong dynamic MAP-E BRs can be called wrong.
   */
  brsAuthoritative: boolean;
  /** The expected tunnel local (CE) address; null when it cannot be computed. */
  ce: string | null;
  /** The tunnel MTU the service wants (1460 on every Japanese IPoE service). */
  mtu: number;
  prefix: PrefixSource | null;
  /** Every global prefix candidate seen (for SERVICE_UNKNOWN_PREFIX / IPV6_NO_PREFIX). */
  candidates: PrefixSource[];
}

const cache = new WeakMap<DiagnosisContext, LinuxService>();

/** The MAP-E BRs in the catalog: as a fixed-IP (IPIP) remote they are the classic copy-paste mistake. */
const MAPE_BRS = SERVICES.filter((s) => s.encapsulation.value === 'map-e').flatMap((s) => s.endpoints.value.flatMap((e) => (e.address ? [e.address] : [])));

export function linuxService(ctx: DiagnosisContext): LinuxService {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const result = identify(ctx);
  cache.set(ctx, result);
  return result;
}

function identify(ctx: DiagnosisContext): LinuxService {
  const ce = ctx.linux.ce;
  const tunnels = ctx.linux.tunnels ?? [];
  const candidates = ce ? prefixSources(ce.addresses, ce.routes.ipv6, tunnels) : [];
  const notice = ctx.input.notice;

  let mape: MapEResult | null = null;
  let prefix: PrefixSource | null = null;
  for (const c of candidates) {
    try {
      mape = calculateMapE(c.address);
      prefix = c;
      break;
    } catch {
      // Not inside a MAP-E rule (or not a usable prefix): try the next source.
    }
  }
  prefix ??= candidates[0] ?? null;
  const remotes = tunnels.flatMap((t) => (t.remote && t.remote !== 'any' ? [t.remote] : []));

  const service = pickService(notice?.serviceId, mape, remotes);

  const encapsulation = service?.encapsulation.value ?? null;
  if (encapsulation !== 'map-e') mape = null;
  let acceptableBrs: string[] = [];
  let brsAuthoritative = false;
  if (notice?.br) {
    acceptableBrs = [notice.br];
    brsAuthoritative = true;
  } else if (mape?.br) {
    acceptableBrs = [mape.br];
    brsAuthoritative = true;
  } else if (service) {
    acceptableBrs = endpointAddresses(service);
    // DS-Lite AFTRs are chosen by region/DNS; any of the listed ones is right. Fixed-IP BRs are per contract.
    brsAuthoritative = false;
  }
  return {
    service,
    serviceId: service?.id ?? null,
    encapsulation,
    mape,
    acceptableBrs,
    br: acceptableBrs[0] ?? null,
    brsAuthoritative,
    ce: mape ? mape.ceAddress : fixedIpCe(prefix, notice?.interfaceId, encapsulation),
    mtu: service?.mtu.value ?? 1460,
    prefix,
    candidates,
  };
}

function pickService(noticeId: ServiceId | undefined, mape: MapEResult | null, remotes: readonly string[]): ServiceRecord | null {
  if (noticeId) return serviceById(noticeId);
  const aimsAt = (s: ServiceRecord): boolean => remotes.some((r) => endpointAddresses(s).some((b) => sameAddress(r, b)));
  if (mape && mape.providerId !== 'custom') {
    const byPrefix = serviceById(mape.providerId);
    // A v6plus prefix may carry v6plus fixed IP: a tunnel aimed at that service's BR says which one runs.
    const other = byPrefix.samePrefixesAs.map(serviceById).find(aimsAt);
    return other ?? byPrefix;
  }
  // No MAP-E rule (DS-Lite, transix fixed IP …): the tunnel's remote is the only clue.
  return SERVICES.find(aimsAt) ?? null;
}

/** Is `remote` wrong for this line? (Fixed IP without a notice: only a MAP-E BR is surely wrong.) */
export function remoteIsWrong(s: LinuxService, remote: string): boolean {
  if (s.acceptableBrs.some((b) => sameAddress(b, remote))) return false;
  if (s.brsAuthoritative) return true;
  return s.encapsulation === 'ipip' && MAPE_BRS.some((b) => sameAddress(b, remote));
}

function endpointAddresses(s: ServiceRecord): string[] {
  return s.endpoints.value.flatMap((e) => (e.address ? [e.address] : []));
}

/** Fixed IP: the WAN /64 plus the notice's interface ID (only when the notice gives it: nothing to guess from). */
function fixedIpCe(prefix: PrefixSource | null, interfaceId: string | undefined, encapsulation: Encapsulation | null): string | null {
  if (!prefix || !interfaceId || encapsulation !== 'ipip') return null;
  try {
    return fixedIpCeAddress(prefix.address, interfaceId).ceAddress;
  } catch {
    return null;
  }
}

/** 2000::/3 and not documentation (2001:db8::/32): a prefix from a real line. */
export function isGlobalUnicast(address: string): boolean {
  try {
    const a = new Address6(address);
    const first = Number(a.bigInt() >> 112n);
    return first >= 0x2000 && first <= 0x3fff && !a.isInSubnet(new Address6('2001:db8::/32'));
  } catch {
    return false;
  }
}

/** Prefix sources, best first (see the file comment for why the tunnel's own local comes last). */
export function prefixSources(addresses: readonly CeAddress[], routes6: readonly Route[], tunnels: readonly CeTunnel[]): PrefixSource[] {
  const tunnelNames = new Set(tunnels.map((t) => t.name));
  const locals = tunnels.flatMap((t) => (t.local && t.local !== 'any' ? [t.local] : []));
  const score = (a: CeAddress): number =>
    (a.configured ? 10 : 0) + (a.flags.includes('dynamic') || a.flags.includes('mngtmpaddr') ? 0 : 2) + (a.prefixLength <= 64 ? 0 : 4) + (locals.some((l) => sameAddress(l, a.address)) ? 20 : 0);
  const addrs = addresses
    .filter((a) => a.family === 'inet6' && !tunnelNames.has(a.ifname) && isGlobalUnicast(a.address) && !a.flags.includes('temporary'))
    .sort((a, b) => score(a) - score(b))
    .map<PrefixSource>((a) => ({ address: a.address, origin: a.configured ? 'vyos-address' : 'wan-address', evidence: a.evidence }));
  const ra = routes6
    .filter((r) => r.proto === 'ra' || r.proto === 'kernel' || r.proto === 'dhcp')
    .filter((r) => r.destination !== 'default' && r.prefixLength >= 48 && r.prefixLength <= 64 && isGlobalUnicast(r.destination.split('/')[0]!))
    .map<PrefixSource>((r) => ({ address: r.destination, origin: 'ra-route', evidence: r.evidence }));
  const own = tunnels.flatMap<PrefixSource>((t) =>
    t.local && t.local !== 'any' && isGlobalUnicast(t.local) ? [{ address: t.local, origin: 'tunnel-local', evidence: t.evidence[0] ?? { command: '', lines: null } }] : [],
  );
  return [...addrs, ...ra, ...own];
}
