/**
 * How far the diagnosis may trust the service catalog's tunnel endpoint when the user's notice does not
 * give one. Data, not code: the line identity (line/identity.ts) reads it.
 *
 * Fixed-IP BRs are assigned per contract, so the catalog's address is only what public reports show.
 * `obviousOnly` means: call the configured BR wrong only when it is an obvious slip next to the catalog
 * address (a typo, or the dynamic MAP-E BR of the same VNE), never merely because it differs.
 */
import type { ServiceId } from '../../services/index.js';

export interface FixedBrFallback {
  address: string;
  obviousOnly: true;
  /** The same VNE's dynamic MAP-E BR: configuring it for fixed IP is the known mistake. */
  mapeBr: string | null;
  source: string;
}

export const FIXED_BR_FALLBACK: Partial<Record<ServiceId, FixedBrFallback>> = {
  'v6plus-fixed': {
    address: '2404:9200:225:100::65',
    obviousOnly: true,
    mapeBr: '2404:9200:225:100::64',
    source: 'shared/services/catalog.ts v6plus-fixed endpoints (public reports; ipoe-domain.md §3.1)',
  },
  // transix fixed IP: the catalog address is one public sample, and the West AFTR (2404:8e01::feed:100)
  // is one character from the East one, so no fallback: only the notice can say the BR is wrong.
};

