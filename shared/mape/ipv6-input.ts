import { Address6 } from 'ip-address';
import { say, type MessageParam } from '../i18n/message.js';
import { CalcInputError } from './errors.js';

/** A user-typed IPv6 prefix or address, as a 128-bit value and a prefix length (128 for a plain address). */
export interface Ipv6Input {
  text: string;
  value: bigint;
  length: number;
}

const IPV4_LIKE = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/;
const example = say('msg.calc.example');

/**
 * Parses what a person pastes: trims spaces, accepts `[addr]`, a `%zone`, and `addr/len`.
 * Only global unicast (2000::/3) is accepted: anything else cannot be a line's delegated prefix.
 */
export function parseIpv6Input(raw: string, what: MessageParam = say('msg.calc.input')): Ipv6Input {
  const text = raw.trim().replace(/^\[(.*)\]$/, '$1');
  if (text === '') {
    throw new CalcInputError('empty', say('msg.calc.empty', { what, example }));
  }
  if (IPV4_LIKE.test(text)) {
    throw new CalcInputError('ipv4-input', say('msg.calc.ipv4Input', { text, example }));
  }
  let address: Address6;
  try {
    address = new Address6(text.replace(/%[^/]*/, ''));
  } catch (err) {
    // The parser's own words, quoted: they name the character or group that is wrong.
    const cause = err instanceof Error && err.message ? err.message.replace(/\.$/, '') : null;
    throw new CalcInputError('malformed', cause ? say('msg.calc.malformedBecause', { text, cause, example }) : say('msg.calc.malformed', { text, example }));
  }
  const value = address.bigInt();
  if (value >> 125n !== 1n) {
    throw new CalcInputError('not-global', say('msg.calc.notGlobal', { text, scope: say(`msg.calc.scope.${scopeOf(address)}`), example }));
  }
  return { text, value, length: address.subnetMask };
}

/** Which kind of not-global address this is (the catalog's `msg.calc.scope.*`). */
function scopeOf(address: Address6): string {
  if (address.isLinkLocal()) return 'linkLocal';
  if (address.isULA()) return 'ula';
  if (address.isLoopback()) return 'loopback';
  if (address.isUnspecified()) return 'unspecified';
  if (address.isMulticast()) return 'multicast';
  if (address.is4()) return 'ipv4Mapped';
  return 'other';
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
