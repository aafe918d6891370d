import { Address4, Address6 } from 'ip-address';
import { say } from '../i18n/message.js';
import { CalcInputError, calcWarning, type CalcWarning } from './errors.js';
import { formatIpv6, parseIpv6Input, prefixMask } from './ipv6-input.js';

export interface FixedIpResult {
  /** Tunnel local address: the /64 + the provider-assigned interface ID. */
  ceAddress: string;
  prefix64: string;
  /** The interface ID as given, normalised (e.g. "::cb:71:a00:0"). */
  interfaceId: string;
  fixedIpv4: string | null;
  /** The draft-03 (PSID 0) interface ID the fixed IPv4 implies, when a fixed IPv4 was given. */
  expectedInterfaceId: string | null;
  /** null when no fixed IPv4 was given. */
  interfaceIdMatches: boolean | null;
  warnings: CalcWarning[];
}

const LOW64 = (1n << 64n) - 1n;
const BARE_IID = /^[0-9a-f]{1,4}(:[0-9a-f]{1,4}){0,3}$/i;

/**
 * The interface ID a v6plus fixed-IP notice appears to use for an IPv4 address: the draft-03 MAP layout with
 * PSID 0, `00 | IPv4 | 00 00 00` (203.0.113.10 → ::cb:71:a00:0). Inferred from public examples, not documented.
 */
export function fixedIpInterfaceId(ipv4: string): string {
  return formatIpv6(parseIpv4(ipv4) << 24n);
}

/**
 * Fixed-IP (IPIP) CE address from the user's prefix (or any address in its /64) and the interface ID from the
 * provider's notice. With `fixedIpv4`, checks the ID against the layout above; a mismatch is only a warning,
 * because the notice is authoritative.
 */
export function fixedIpCeAddress(prefixOrAddr: string, interfaceId: string, fixedIpv4?: string): FixedIpResult {
  const prefix = parseIpv6Input(prefixOrAddr);
  const warnings: CalcWarning[] = [];
  const net64 = prefix.value & prefixMask(64);
  if (prefix.length < 64) {
    warnings.push(calcWarning('subnet-0-assumed', say('msg.calc.warn.subnet0Assumed', { prefix: prefix.text, length: prefix.length, first: formatIpv6(net64) })));
  }
  const iid = parseInterfaceId(interfaceId, warnings);
  const ceAddress = formatIpv6(net64 | iid);
  let expected: string | null = null;
  let matches: boolean | null = null;
  let v4: string | null = null;
  if (fixedIpv4 !== undefined && fixedIpv4.trim() !== '') {
    const v4Value = parseIpv4(fixedIpv4);
    v4 = Address4.fromBigInt(v4Value).correctForm();
    expected = formatIpv6(v4Value << 24n);
    matches = v4Value << 24n === iid;
    if (!matches) {
      warnings.push(calcWarning('iid-mismatch', say('msg.calc.warn.iidMismatch', { iid: formatIpv6(iid), ipv4: v4, expected })));
    }
  }
  return {
    ceAddress,
    prefix64: `${formatIpv6(net64)}/64`,
    interfaceId: formatIpv6(iid),
    fixedIpv4: v4,
    expectedInterfaceId: expected,
    interfaceIdMatches: matches,
    warnings,
  };
}

/** Accepts "::cb:71:a00:0", "cb:71:a00:0" (up to four bare hextets) or a full address (low 64 bits used). */
function parseInterfaceId(raw: string, warnings: CalcWarning[]): bigint {
  const text = raw.trim();
  const hint = say('msg.calc.interfaceIdHint');
  let value: bigint;
  if (BARE_IID.test(text)) {
    value = text.split(':').reduce((acc, h) => (acc << 16n) | BigInt(parseInt(h, 16)), 0n);
  } else {
    try {
      value = new Address6(text).bigInt();
    } catch {
      throw new CalcInputError('invalid-interface-id', say('msg.calc.notInterfaceId', { text, hint }));
    }
  }
  if (value > LOW64) {
    warnings.push(calcWarning('iid-from-full-address', say('msg.calc.warn.iidFromFullAddress', { text, iid: formatIpv6(value & LOW64) })));
    value &= LOW64;
  }
  if (value === 0n) {
    throw new CalcInputError('invalid-interface-id', say('msg.calc.zeroInterfaceId', { text, hint }));
  }
  return value;
}

function parseIpv4(raw: string): bigint {
  const text = raw.trim();
  if (!/^\d{1,3}(\.\d{1,3}){3}(\/32)?$/.test(text) || !Address4.isValid(text)) {
    throw new CalcInputError('invalid-ipv4', say('msg.calc.notIpv4', { text }));
  }
  return new Address4(text).bigInt();
}
