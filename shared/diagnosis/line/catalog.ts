/** Service-catalog lookups the line clues and the identity share. */
import { serviceForPrefix, type ServiceRecord } from '../../services/index.js';

/** The BR/AFTR addresses the catalog lists for a service (names aside). */
export function endpointAddresses(s: ServiceRecord): string[] {
  return s.endpoints.value.flatMap((e) => (e.address ? [e.address] : []));
}

/** The MAP-E service whose rule covers a prefix or an address in it, or null (also for text that is no prefix). */
export function prefixServiceOf(prefix: { value: string } | null): ServiceRecord | null {
  if (!prefix) return null;
  try {
    return serviceForPrefix(prefix.value) ?? null;
  } catch {
    return null;
  }
}

/** The host of a fixed-IP service's update server: `http://fcs.enabler.ne.jp/update?…` → `fcs.enabler.ne.jp`. */
export function updateHost(record: ServiceRecord): string | null {
  const url = record.update?.value.urlTemplate;
  const m = url ? /^[a-z]+:\/\/([^/?:]+)/i.exec(url) : null;
  return m?.[1]?.toLowerCase() ?? null;
}
