import type { DiagnosisContext } from '../../context.js';
import type { Finding } from '../../types.js';

export const linuxDeviceUnsupportedServiceNeeds = [] as const;

/**
 * A Linux/VyOS CE can do every service in the catalog (ip6tnl for MAP-E, IPIP fixed IP and DS-Lite; nft for the
 * port-set SNAT), so "this device cannot" is never the answer on Linux: the missing pieces are configuration,
 * which the other rules name. Kept as a rule so the shared dispatch stays uniform.
 */
export function linuxDeviceUnsupportedService(ctx: DiagnosisContext): Finding[] {
  void ctx;
  return [];
}
