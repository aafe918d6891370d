/**
 * What a Linux/VyOS CE shows about its line: the prefix, the service the prefix's MAP rule or the tunnel's remote
 * points to, and the fixed IPv4 on the tunnel.
 *
 * The prefix comes from the kernel's global IPv6 addresses (RA/DHCPv6 on the WAN) first, then VyOS-configured
 * addresses, then RA routes, and only last from the tunnel's own local address: a wrong CE must not be the
 * yardstick it is measured with. Fixed IP and DS-Lite share address space with MAP-E or have no rule table, so
 * the tunnel's remote (or the user's contract notice) tells them apart.
 */
import { isGlobalUnicast } from '../address.js';
import type { FactsView } from '../facts.js';
import { tunnelIpv4 } from '../linux/common.js';
import { sameAddress, type CeAddress, type CeTunnel } from '../../linux/facts.js';
import type { Evidence as LinuxEvidence } from '../../linux/evidence.js';
import type { Route } from '../../linux/ip-route.js';
import { calculateMapE, type MapEResult } from '../../mape/index.js';
import { SERVICES, serviceById, type ServiceRecord } from '../../services/index.js';
import { endpointAddresses } from './catalog.js';
import type { FactSource, LineFact, LineClues, ObservedPrefix, PrefixOrigin } from './types.js';

interface PrefixCandidate {
  address: string;
  origin: PrefixOrigin;
  evidence: LinuxEvidence;
}

export function linuxClues(ctx: FactsView): LineClues {
  const ce = ctx.linux.ce;
  const tunnels = ctx.linux.tunnels ?? [];
  const candidates = ce ? prefixSources(ce.addresses, ce.routes.ipv6, tunnels) : [];

  let mape: MapEResult | null = null;
  let chosen: PrefixCandidate | null = null;
  for (const c of candidates) {
    try {
      mape = calculateMapE(c.address);
      chosen = c;
      break;
    } catch {
      // Not inside a MAP-E rule (or not a usable prefix): try the next source.
    }
  }
  chosen ??= candidates[0] ?? null;
  const prefix: ObservedPrefix | null = chosen
    ? { value: chosen.address, origin: chosen.origin, source: chosen.origin === 'vyos-address' ? 'config' : 'show', evidence: ctx.linux.evidence(chosen.evidence) }
    : null;

  const remotes = tunnels.flatMap((t) => (t.remote && t.remote !== 'any' ? [t.remote] : []));
  const guess = guessService(mape, remotes);
  const first = tunnels[0];
  const address = first ? tunnelIpv4(ctx, first.name)[0] : undefined;
  const fixedIpv4: LineFact<string> | null = address
    ? { value: address.address, source: ctx.linux.fromVyos([address.evidence]) ? 'config' : 'show', evidence: ctx.linux.evidence(address.evidence) }
    : null;
  return {
    service: guess ? { id: guess.service.id, source: guess.source } : null,
    reasons: guess ? [guess.reason] : [],
    encapsulation: null,
    prefix,
    fixedIpv4,
    interfaceId: null,
  };
}

function guessService(mape: MapEResult | null, remotes: readonly string[]): { service: ServiceRecord; source: FactSource; reason: string } | null {
  const aimedAt = (s: ServiceRecord): string | undefined => remotes.find((r) => endpointAddresses(s).some((b) => sameAddress(r, b)));
  if (mape && mape.providerId !== 'custom') {
    const byPrefix = serviceById(mape.providerId);
    // A v6plus prefix may carry v6plus fixed IP: a tunnel aimed at that service's BR says which one runs.
    for (const other of byPrefix.samePrefixesAs.map(serviceById)) {
      const r = aimedAt(other);
      if (r) return { service: other, source: 'show', reason: `the tunnel aims at ${r}, a ${other.name} BR, on a ${byPrefix.name} prefix` };
    }
    return { service: byPrefix, source: 'calculator', reason: `prefix ${mape.userPrefix} is inside a ${byPrefix.name} MAP rule` };
  }
  // No MAP-E rule (DS-Lite, transix fixed IP …): the tunnel's remote is the only clue.
  for (const s of SERVICES) {
    const r = aimedAt(s);
    if (r) return { service: s, source: 'show', reason: `the tunnel aims at ${r}, a ${s.name} endpoint` };
  }
  return null;
}

/** Prefix sources, best first (see the file comment for why the tunnel's own local comes last). */
function prefixSources(addresses: readonly CeAddress[], routes6: readonly Route[], tunnels: readonly CeTunnel[]): PrefixCandidate[] {
  const tunnelNames = new Set(tunnels.map((t) => t.name));
  const locals = tunnels.flatMap((t) => (t.local && t.local !== 'any' ? [t.local] : []));
  const score = (a: CeAddress): number =>
    (a.configured ? 10 : 0) + (a.flags.includes('dynamic') || a.flags.includes('mngtmpaddr') ? 0 : 2) + (a.prefixLength <= 64 ? 0 : 4) + (locals.some((l) => sameAddress(l, a.address)) ? 20 : 0);
  const addrs = addresses
    .filter((a) => a.family === 'inet6' && !tunnelNames.has(a.ifname) && isGlobalUnicast(a.address) && !a.flags.includes('temporary'))
    .sort((a, b) => score(a) - score(b))
    .map<PrefixCandidate>((a) => ({ address: a.address, origin: a.configured ? 'vyos-address' : 'wan-address', evidence: a.evidence }));
  const ra = routes6
    .filter((r) => r.proto === 'ra' || r.proto === 'kernel' || r.proto === 'dhcp')
    .filter((r) => r.destination !== 'default' && r.prefixLength >= 48 && r.prefixLength <= 64 && isGlobalUnicast(r.destination.split('/')[0]!))
    .map<PrefixCandidate>((r) => ({ address: r.destination, origin: 'ra-route', evidence: r.evidence }));
  const own = tunnels.flatMap<PrefixCandidate>((t) =>
    t.local && t.local !== 'any' && isGlobalUnicast(t.local) ? [{ address: t.local, origin: 'tunnel-local', evidence: t.evidence[0] ?? { command: '', lines: null } }] : [],
  );
  return [...addrs, ...ra, ...own];
}
