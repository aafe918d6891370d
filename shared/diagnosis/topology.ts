import type { FindingCode } from './types.js';

/** The hops of the picture LAN → router → NGN → BR/AFTR → Internet. */
export const HOPS = ['lan', 'router', 'ngn', 'br', 'internet'] as const;
export type Hop = (typeof HOPS)[number];

/** Where each problem sits on the path (data, used by the topology picture and the report). */
export const FINDING_HOP: Record<FindingCode, Hop> = {
  IPV6_NO_PREFIX: 'ngn',
  IPV6_PREFIX_SOURCE_MISMATCH: 'ngn',
  NGN_TYPE_MISSING: 'ngn',
  IPV6_FILTER_BLOCKS_IPIP: 'router',
  BR_UNREACHABLE: 'br',
  BR_ROUTE_ONLINK: 'ngn',
  SERVICE_UNKNOWN_PREFIX: 'ngn',
  BR_ADDRESS_WRONG: 'br',
  CE_ADDRESS_WRONG: 'router',
  CE_ADDRESS_NOT_ASSIGNED: 'router',
  ENCAPLIMIT_PRESENT: 'router',
  TUNNEL_DISABLED: 'router',
  TUNNEL_NO_RX: 'br',
  DEFAULT_ROUTE_NOT_TUNNEL: 'router',
  FIRMWARE_TOO_OLD: 'router',
  DEVICE_UNSUPPORTED_SERVICE: 'router',
  AFTR_NAME_UNRESOLVED: 'br',
  FIXEDIP_UPDATE_NOT_CONFIGURED: 'br',
  FIXEDIP_UPDATE_FAILED: 'br',
  FIXEDIP_PREFIX_LOG_OFF: 'router',
  FIXEDIP_IID_MISMATCH: 'router',
  FIXEDIP_NAT_OUTER_MISMATCH: 'router',
  NAT_DESCRIPTOR_MISSING: 'router',
  PORTSET_OUTSIDE: 'router',
  PORTSET_PARTIAL: 'router',
  ICMP_NOT_TRANSLATED: 'router',
  TUNNEL_MTU_TOO_LARGE: 'router',
  MSS_CLAMP_MISSING: 'router',
  IPV4_FILTER_LAN_MISMATCH: 'router',
};
