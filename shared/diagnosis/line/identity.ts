/**
 * One model of "what line is this", for an RTX and a Linux/VyOS CE alike: the service, the prefix, the BR/AFTR,
 * the CE address, the port set and the fixed-IP facts, each with its evidence and where it came from. Built once
 * per diagnosis from the platform's clues (rtx-clues.ts, linux-clues.ts) and the user's contract notice, which is
 * authoritative and wins over every inference. Detectors read it; none works the line out again.
 */
import { normalizeIpv6 } from '../address.js';
import { FIXED_BR_FALLBACK } from '../data/expectations.js';
import type { FactsView } from '../facts.js';
import { calculateMapE, CalcInputError, fixedIpCeAddress, type MapEResult } from '../../mape/index.js';
import { serviceById, type ServiceRecord } from '../../services/index.js';
import { endpointAddresses, prefixServiceOf } from './catalog.js';
import { linuxClues } from './linux-clues.js';
import { rtxClues } from './rtx-clues.js';
import type { ExpectedBr, LineFact, LineIdentity } from './types.js';
import { provisionedFor, withoutQuery, type Provisioned } from '../../provisioning/record.js';

export type { ExpectedBr, LineFact, FactSource, LineIdentity, ObservedPrefix, PrefixOrigin, UpdateCredentials } from './types.js';

/** Every Japanese IPoE service wants 1500 − 40 (the IPv6 header) when the catalog says nothing. */
const DEFAULT_MTU = 1460;

export function identifyLine(view: FactsView): LineIdentity {
  const clues = view.input.platform === 'rtx' ? rtxClues(view) : linuxClues(view);
  const notice = view.input.notice;
  let id = clues.service?.id ?? null;
  let serviceSource = clues.service?.source ?? null;
  const reasons = [...clues.reasons];
  if (notice?.serviceId) {
    if (id && id !== notice.serviceId) reasons.push(`the notice says ${notice.serviceId}, which overrides ${id}`);
    else reasons.push(`the notice says ${notice.serviceId}`);
    id = notice.serviceId;
    serviceSource = 'notice';
  }
  const service = id ? serviceById(id) : null;
  const encapsulation = service?.encapsulation.value ?? clues.encapsulation;
  const prefix = clues.prefix;

  // The provider's own answer (HB46PP), for this line's encapsulation; the notice still wins over it.
  const record = view.input.provisioning ?? null;
  const provided = record?.answer && encapsulation ? provisionedFor(record.answer, encapsulation, prefix?.value ?? null) : null;
  const server = record ? withoutQuery(record.chain[record.chain.length - 1] ?? record.server?.url ?? '') : '';
  if (record) reasons.push(record.answer ? `the provider's HB46PP answer (${server}) offers ${record.answer.order.join(', ') || 'nothing'}` : `HB46PP: ${record.failure?.code ?? 'no answer'}, the catalog is used`);

  let mape: MapEResult | null = provided?.method === 'map_e' ? provided.mapE : null;
  let mapeError: CalcInputError | null = null;
  if (encapsulation === 'map-e' && prefix && !mape) {
    try {
      mape = calculateMapE(prefix.value);
    } catch (err) {
      if (err instanceof CalcInputError) mapeError = err;
      else throw err;
    }
  }

  const providedIpip = provided?.method === 'ipip' ? provided.tunnel : null;
  const fixedIpv4: LineFact<string> | null = notice?.fixedIpv4
    ? { value: notice.fixedIpv4.trim(), source: 'notice', evidence: [] }
    : providedIpip
      ? { value: providedIpip.ipv4.replace(/\/\d+$/, ''), source: 'provisioning', evidence: [] }
      : clues.fixedIpv4;
  const interfaceId: LineFact<string> | null = notice?.interfaceId ? { value: notice.interfaceId.trim(), source: 'notice', evidence: [] } : clues.interfaceId;

  let ce: LineFact<string> | null = null;
  if (encapsulation === 'map-e' && mape && prefix) ce = { value: mape.ceAddress, source: 'calculator', evidence: prefix.evidence };
  else if (encapsulation === 'ipip' && prefix && interfaceId) {
    try {
      ce = { value: fixedIpCeAddress(prefix.value, interfaceId.value).ceAddress, source: interfaceId.source, evidence: [...prefix.evidence, ...interfaceId.evidence] };
    } catch (err) {
      if (!(err instanceof CalcInputError)) throw err;
      view.notes.push(`The fixed-IP CE address could not be computed: ${err.message}`);
    }
  }

  return {
    service,
    serviceSource,
    reasons,
    encapsulation,
    prefix,
    prefixService: prefixServiceOf(prefix),
    mape,
    mapeError,
    br: providedBr(provided, server, notice?.br ?? null) ?? expectedBr(service, mape, notice?.br ?? null),
    ce,
    portSet: mape && prefix ? { value: mape.portRanges, source: 'calculator', evidence: prefix.evidence } : null,
    mtu: service?.mtu.value ?? DEFAULT_MTU,
    fixedIpv4,
    interfaceId,
    update: notice?.updateUser || notice?.updatePassword ? { user: notice.updateUser ?? null, password: notice.updatePassword ?? null } : null,
  };
}

/** The BR/AFTR of the provider's own answer (unless the notice gives one: the notice wins). */
function providedBr(provided: Provisioned | null, server: string, noticeBr: string | null): ExpectedBr | null {
  if (!provided || normalizeIpv6(noticeBr)) return null;
  const base = { alternatives: [], obviousOnly: false, mapeBr: null, source: 'provisioning' as const, server };
  if (provided.method === 'map_e') return provided.mapE ? { ...base, name: null, address: provided.br, addresses: [provided.br], complete: true } : null;
  if (provided.method === 'ipip') return { ...base, name: null, address: provided.tunnel.ipv6Remote, addresses: [provided.tunnel.ipv6Remote], complete: true };
  const address = normalizeIpv6(provided.aftr);
  return address ? { ...base, name: null, address, addresses: [address], complete: true } : { ...base, name: provided.aftr, address: null, addresses: [], complete: false };
}

function expectedBr(service: ServiceRecord | null, mape: MapEResult | null, noticeBr: string | null): ExpectedBr | null {
  const base = { name: null, alternatives: [], obviousOnly: false, mapeBr: null };
  const fromNotice = normalizeIpv6(noticeBr);
  if (fromNotice) return { ...base, address: fromNotice, addresses: [fromNotice], complete: true, source: 'notice' };
  if (mape?.br) return { ...base, address: mape.br, addresses: [mape.br], complete: true, source: 'calculator' };
  if (!service) return null;
  const addresses = endpointAddresses(service);
  const enc = service.encapsulation.value;
  // Without a prefix only a MAP-E provider with a single BR has a definite answer (not BIGLOBE east/west).
  if (enc === 'map-e') return { ...base, address: addresses.length === 1 ? (addresses[0] ?? null) : null, addresses, complete: false, source: 'catalog' };
  if (enc === 'ds-lite') {
    const name = service.endpoints.value.find((e) => e.name)?.name ?? null;
    return { ...base, address: null, name, alternatives: addresses, addresses, complete: false, source: 'catalog' };
  }
  // Fixed IP: the BR is per contract; the catalog's address is only what public reports show.
  const fallback = FIXED_BR_FALLBACK[service.id];
  return {
    ...base,
    address: fallback?.address ?? null,
    obviousOnly: fallback !== undefined,
    mapeBr: fallback?.mapeBr ?? null,
    addresses,
    complete: false,
    source: 'catalog',
  };
}
