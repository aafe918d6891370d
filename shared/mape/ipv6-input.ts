import { Address6 } from 'ip-address';
import { CalcInputError } from './errors.js';

/** A user-typed IPv6 prefix or address, as a 128-bit value and a prefix length (128 for a plain address). */
export interface Ipv6Input {
  text: string;
  value: bigint;
  length: number;
}

const IPV4_LIKE = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/;
const EXAMPLE = 'e.g. 240b:13:1a65:a100::/56, a /64, or the WAN/LAN IPv6 address';

/**
 * Parses what a person pastes: trims spaces, accepts `[addr]`, a `%zone`, and `addr/len`.
 * Only global unicast (2000::/3) is accepted: anything else cannot be a line's delegated prefix.
 */
export function parseIpv6Input(raw: string, what = 'input'): Ipv6Input {
  const text = raw.trim().replace(/^\[(.*)\]$/, '$1');
  if (text === '') {
    throw new CalcInputError('empty', `No ${what} given. Type your IPv6 prefix or address (${EXAMPLE}).`);
  }
  if (IPV4_LIKE.test(text)) {
    throw new CalcInputError(
      'ipv4-input',
      `"${text}" is an IPv4 address; the calculator needs the IPv6 prefix of your line (${EXAMPLE}). ` +
        'On a Yamaha RTX it is shown by `show status ipv6 dhcp` or `show ipv6 address`; on Linux by `ip -6 addr show scope global`.',
    );
  }
  let address: Address6;
  try {
    address = new Address6(text.replace(/%[^/]*/, ''));
  } catch (err) {
    const detail = err instanceof Error && err.message ? ` (${err.message.replace(/\.$/, '')})` : '';
    throw new CalcInputError(
      'malformed',
      `"${text}" is not an IPv6 address or prefix${detail}. Type it as hex groups separated by colons, ${EXAMPLE}.`,
    );
  }
  const value = address.bigInt();
  if (value >> 125n !== 1n) {
    throw new CalcInputError(
      'not-global',
      `"${text}" is not a global IPv6 address (it is ${describeScope(address)}). ` +
        `Use the global prefix your provider delegated, which starts with 2 (${EXAMPLE}).`,
    );
  }
  return { text, value, length: address.subnetMask };
}

function describeScope(address: Address6): string {
  if (address.isLinkLocal()) return 'link-local, fe80::/10';
  if (address.isULA()) return 'a unique local address, fc00::/7';
  if (address.isLoopback()) return 'the loopback address';
  if (address.isUnspecified()) return 'the unspecified address';
  if (address.isMulticast()) return 'multicast';
  if (address.is4()) return 'an IPv4-mapped address';
  return 'outside 2000::/3';
}

/** Bits [start, end) of a 128-bit value, via ip-address so the bit numbering matches RFC 7597's. */
export function bitsOf(value: bigint, start: number, end: number): bigint {
  if (end <= start) return 0n;
  return Address6.fromBigInt(value).getBits(start, end);
}

/** Network mask for a prefix length, as a 128-bit value. */
export function prefixMask(length: number): bigint {
  return length <= 0 ? 0n : ((1n << BigInt(length)) - 1n) << BigInt(128 - length);
}

export function formatIpv6(value: bigint): string {
  return Address6.fromBigInt(value).correctForm();
}
