/**
 * CE interface-ID layouts.
 * - draft03: draft-ietf-softwire-map-03, used by every Japanese MAP-E service (OpenWrt `legacymap 1`):
 *   `00 | IPv4 (4 bytes) | PSID (16 bits) | 00`, i.e. IID = IPv4·2^24 + PSID·2^8.
 * - rfc7597: RFC 7597 §6: `16 zero bits | IPv4 | PSID (16 bits, right-aligned)`, i.e. IID = IPv4·2^16 + PSID.
 */
export type InterfaceIdForm = 'draft03' | 'rfc7597';

export function mapInterfaceId(ipv4: number, psid: number, form: InterfaceIdForm): bigint {
  const v4 = BigInt(ipv4 >>> 0);
  const p = BigInt(psid);
  return form === 'draft03' ? (v4 << 24n) | (p << 8n) : (v4 << 16n) | p;
}

/**
 * CE address: the end-user prefix, the subnet-id bits up to /64 set to zero (subnet 0), then the IID.
 * `endUserPrefix` must already have every bit past its length cleared.
 */
export function ceAddressValue(endUserPrefix: bigint, interfaceId: bigint): bigint {
  const upper64 = endUserPrefix & ~((1n << 64n) - 1n);
  return upper64 | (interfaceId & ((1n << 64n) - 1n));
}
