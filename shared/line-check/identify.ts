/**
 * Which service the line carries, seen from this computer: the user's word (`--service`, the notice) wins, then the
 * provider's own HB46PP answer, then the prefix (the MAP-E rule table), then which AFTR name the line's DNS
 * resolves. And the parameters that follow: MAP-E IPv4 + port set + CE + BR through the calculator, the AFTR, or
 * for fixed IP what the notice must hold. Every step says where it came from.
 */
import { say, type Message } from '../i18n/message.js';
import { calculateMapE, CalcInputError, type MapEResult } from '../mape/index.js';
import { provisionedFor, provisioningSays, withoutQuery, type ProvisioningRecord } from '../provisioning/index.js';
import { isFixedIp, serviceById, serviceForPrefix, SERVICES, type ServiceId, type ServiceRecord } from '../services/index.js';
import type { GlobalAddress, LineBasics } from './types.js';

export type ServiceSource = 'user' | 'provisioning' | 'prefix' | 'aftr';

/** A tunnel endpoint to check, with where its address came from. */
export interface Endpoint {
  role: 'br' | 'aftr';
  address: string;
  name?: string;
  source: 'calculator' | 'provisioning' | 'line-dns' | 'catalog';
}

export interface LineService {
  service: ServiceRecord | null;
  source: ServiceSource | null;
  /** Services the same prefix also carries (v6plus and v6plus fixed IP): the prefix alone cannot tell them apart. */
  alsoPossible: ServiceId[];
  prefix: GlobalAddress | null;
  /** The MAP-E service whose rule covers the prefix. */
  prefixService: ServiceRecord | null;
  mape: MapEResult | null;
  mapeError: string | null;
  /** What the IPIP tunnel needs (fixed IP): from the provider's answer, else the notice must give it. */
  ipip: { remote: string | null; ipv4: string | null; local: string | null; source: 'provisioning' | 'notice' } | null;
  endpoints: Endpoint[];
  reasons: Message[];
}

/** The first global address of the WAN (else any interface): the line's prefix as this computer holds it. */
function linePrefix(b: LineBasics): GlobalAddress | null {
  return b.globals.find((g) => g.ifname === b.wan) ?? b.globals[0] ?? null;
}

function prefixServiceOf(address: string | undefined): ServiceRecord | null {
  if (!address) return null;
  try {
    return serviceForPrefix(address) ?? null;
  } catch (err) {
    if (err instanceof CalcInputError) return null;
    throw err;
  }
}

/** The service the provider's answer names: its first method, told apart by the prefix where two share it. */
function provisionedService(record: ProvisioningRecord | null, prefixService: ServiceRecord | null, aftrService: ServiceId | null): ServiceId | null {
  const method = record?.answer?.order[0];
  if (!method) return null;
  if (method === 'map_e') return prefixService?.id ?? 'v6plus';
  if (method === 'dslite') return aftrService ?? 'transix-dslite';
  if (method === 'ipip') return prefixService?.samePrefixesAs.find((s) => isFixedIp(s)) ?? (aftrService ? (serviceById(aftrService).samePrefixesAs.find((s) => isFixedIp(s)) ?? null) : null) ?? 'transix-fixed';
  return null;
}

export function identifyFromPc(b: LineBasics, opts: { service?: ServiceId } = {}): LineService {
  const reasons: Message[] = [];
  const prefix = linePrefix(b);
  const prefixService = prefixServiceOf(prefix?.address);
  if (prefix) reasons.push(say(prefixService ? 'linecheck.reason.prefixRule' : 'linecheck.reason.prefixNoRule', { address: `${prefix.address}/${prefix.prefixLength}`, ifname: prefix.ifname, service: prefixService ? say(`services.${prefixService.id}`) : '' }));
  const resolved = b.aftr.find((a) => a.addresses.length > 0) ?? null;
  for (const a of b.aftr) reasons.push(a.addresses.length ? say('linecheck.reason.aftrResolves', { name: a.name, addresses: a.addresses.join(', '), server: a.server ?? '?' }) : say('linecheck.reason.aftrNot', { name: a.name }));
  const fromProvisioning = provisionedService(b.provisioning, prefixService, resolved?.service ?? null);

  let id: ServiceId | null = null;
  let source: ServiceSource | null = null;
  if (opts.service) {
    id = opts.service;
    source = 'user';
    reasons.push(say('linecheck.reason.user', { service: say(`services.${id}`) }));
  } else if (fromProvisioning) {
    id = fromProvisioning;
    source = 'provisioning';
  } else if (prefixService) {
    id = prefixService.id;
    source = 'prefix';
  } else if (resolved) {
    id = resolved.service;
    source = 'aftr';
  }
  const service = id ? serviceById(id) : null;
  const enc = service?.encapsulation.value ?? null;
  if (service && b.provisioning) reasons.push(provisioningSays(b.provisioning, service.encapsulation.value, prefix?.address ?? null));
  const alsoPossible = service ? service.samePrefixesAs.filter((s) => s !== service.id) : [];

  const provided = b.provisioning?.answer && enc ? provisionedFor(b.provisioning.answer, enc, prefix?.address ?? null) : null;
  const server = b.provisioning ? withoutQuery(b.provisioning.chain.at(-1) ?? b.provisioning.server?.url ?? '') : '';
  let mape: MapEResult | null = provided?.method === 'map_e' ? provided.mapE : null;
  let mapeError: string | null = null;
  if (enc === 'map-e' && prefix && !mape) {
    try {
      mape = calculateMapE(prefix.address);
    } catch (err) {
      if (!(err instanceof CalcInputError)) throw err;
      mapeError = err.message;
    }
  }

  const endpoints: Endpoint[] = [];
  let ipip: LineService['ipip'] = null;
  if (enc === 'map-e' && mape?.br) endpoints.push({ role: 'br', address: mape.br, source: provided?.method === 'map_e' ? 'provisioning' : 'calculator' });
  if (enc === 'ds-lite') {
    if (provided?.method === 'dslite') reasons.push(say('linecheck.reason.aftrProvided', { aftr: provided.aftr, server }));
    const names = service ? service.endpoints.value.map((e) => e.name).filter((n): n is string => !!n) : [];
    const mine = b.aftr.find((a) => a.addresses.length > 0 && (a.service === id || names.includes(a.name)));
    for (const address of mine?.addresses.slice(0, 1) ?? []) endpoints.push({ role: 'aftr', address, name: mine!.name, source: 'line-dns' });
  }
  if (enc === 'ipip') {
    if (provided?.method === 'ipip') {
      ipip = { remote: provided.tunnel.ipv6Remote, ipv4: provided.tunnel.ipv4, local: provided.tunnel.ipv6Local, source: 'provisioning' };
      endpoints.push({ role: 'br', address: provided.tunnel.ipv6Remote, source: 'provisioning' });
    } else {
      // Fixed IP: the BR, the IPv4 address and the interface ID are per contract: the notice holds them.
      ipip = { remote: null, ipv4: null, local: null, source: 'notice' };
      const published = service?.endpoints.value.find((e) => e.address)?.address;
      if (published) endpoints.push({ role: 'br', address: published, source: 'catalog' });
    }
  }
  return { service, source, alsoPossible, prefix, prefixService, mape, mapeError, ipip, endpoints, reasons };
}

/** DS-Lite services and their AFTR names, for the look-ups over the line's DNS. */
export function aftrNames(): { service: ServiceId; name: string }[] {
  return SERVICES.filter((s) => s.encapsulation.value === 'ds-lite').flatMap((s) => s.endpoints.value.filter((e) => e.name).map((e) => ({ service: s.id, name: e.name! })));
}
