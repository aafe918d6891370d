import { Address4 } from 'ip-address';
import { serviceById } from '../services/catalog.js';
import { ceAddressValue, mapInterfaceId, type InterfaceIdForm } from './ce-address.js';
import { say, type Message } from '../i18n/message.js';
import { CalcInputError, calcWarning, type CalcWarning } from './errors.js';
import { bitsOf, formatIpv6, parseIpv6Input, prefixMask, type Ipv6Input } from './ipv6-input.js';
import { portCount, portRanges, type PortRange } from './port-set.js';
import { parseRule, ruleLabel, ruleSummary, type MapRule, type MapRuleSpec, type MapRuleSummary } from './rule.js';
import { findRule } from './rule-table.js';
import type { MapEProviderId } from './rules-data.js';

export interface MapEOptions {
  /** CE interface-ID layout for `ceAddress`; Japanese services use draft-03 (the default). */
  ifaceId?: InterfaceIdForm;
}

export interface MapEResult {
  /** Display name from the service catalog, e.g. "v6plus (JPNE)". */
  provider: string;
  providerId: MapEProviderId | 'custom';
  rule: MapRuleSummary;
  ipv4: string;
  psid: number;
  psidLength: number;
  psidOffset: number;
  /** Number of ports this CE may use, (2^a − 1)·2^m. */
  ports: number;
  /** Every port block, [start, end] inclusive, ascending. */
  portRanges: PortRange[];
  /** CE (tunnel local) address in the `interfaceIdForm` layout. */
  ceAddress: string;
  interfaceIdForm: InterfaceIdForm;
  ceAddressDraft03: string;
  ceAddressRfc7597: string;
  /** Tunnel remote; null only for a caller-supplied rule without one. */
  br: string | null;
  /** The end-user prefix the rule delegates (/56 for every Japanese rule), normalised. */
  userPrefix: string;
  warnings: CalcWarning[];
}

const whereToFind = say('msg.calc.whereToFind');

/**
 * MAP-E parameters for a prefix or any address inside the user's prefix (a /56, a /64, the WAN, LAN or CE
 * address), using the built-in rule table (longest prefix match). Throws CalcInputError.
 */
export function calculateMapE(input: string, opts: MapEOptions = {}): MapEResult {
  const parsed = parseIpv6Input(input);
  const rule = findRule(parsed.value);
  if (!rule) {
    throw new CalcInputError('unknown-prefix', say('msg.calc.unknownPrefix', { text: parsed.text, whereToFind }));
  }
  return calculateForRule(parsed, rule, opts);
}

/** Same, with a rule the table does not have (RFC 7597 examples, a rule just announced by a provider). */
export function calculateMapEWithRule(input: string, rule: MapRuleSpec | MapRule, opts: MapEOptions = {}): MapEResult {
  const parsed = parseIpv6Input(input);
  const parsedRule = 'ipv6Network' in rule ? rule : parseRule(rule);
  if ((parsed.value & prefixMask(parsedRule.ipv6Length)) !== parsedRule.ipv6Network) {
    throw new CalcInputError('unknown-prefix', say('msg.calc.outsideRule', { text: parsed.text, rulePrefix: parsedRule.ipv6Prefix }));
  }
  return calculateForRule(parsed, parsedRule, opts);
}

function providerName(providerId: MapEProviderId | 'custom'): string {
  return providerId === 'custom' ? 'Custom MAP rule' : serviceById(providerId).name;
}

/** The provider's name as a message (the catalog's `services.*` carries the catalog's names in English). */
function providerMessage(providerId: MapEProviderId | 'custom'): Message {
  return say(providerId === 'custom' ? 'calc.customRule' : `services.${providerId}`);
}

function calculateForRule(input: Ipv6Input, rule: MapRule, opts: MapEOptions): MapEResult {
  const r = rule.ipv6Length;
  const eaEnd = r + rule.eaLength;
  const provider = providerName(rule.providerId);
  if (input.length < eaEnd) {
    throw new CalcInputError(
      'prefix-too-short',
      say('msg.calc.prefixTooShort', { text: input.text, length: input.length, provider: providerMessage(rule.providerId), rule: ruleLabel(rule), eaEnd, whereToFind }),
    );
  }
  const k = rule.psidLength;
  const ea = bitsOf(input.value, r, eaEnd);
  const psid = Number(ea & ((1n << BigInt(k)) - 1n));
  const ipv4 = (rule.ipv4Network | Number(ea >> BigInt(k))) >>> 0;
  const endUserPrefix = input.value & prefixMask(eaEnd);

  const warnings: CalcWarning[] = [];
  // Bits between the end-user prefix and /64 are the subnet id; the CE address always uses subnet 0.
  const subnetEnd = Math.min(input.length, 64);
  const subnetId = bitsOf(input.value, eaEnd, subnetEnd);
  if (subnetEnd > eaEnd && subnetId !== 0n) {
    const given = formatIpv6(input.value & prefixMask(64));
    const zero = formatIpv6(endUserPrefix);
    warnings.push(calcWarning('not-subnet-0', say('msg.calc.warn.notSubnet0', { given, subnet: subnetId.toString(16), zero, length: eaEnd })));
  }
  const form = opts.ifaceId ?? 'draft03';
  if (form === 'rfc7597' && rule.providerId !== 'custom') {
    warnings.push(calcWarning('rfc7597-interface-id', say('msg.calc.warn.rfc7597', { provider: providerMessage(rule.providerId) })));
  }
  const draft03 = formatIpv6(ceAddressValue(endUserPrefix, mapInterfaceId(ipv4, psid, 'draft03')));
  const rfc7597 = formatIpv6(ceAddressValue(endUserPrefix, mapInterfaceId(ipv4, psid, 'rfc7597')));

  return {
    provider,
    providerId: rule.providerId,
    rule: ruleSummary(rule),
    ipv4: Address4.fromBigInt(BigInt(ipv4)).correctForm(),
    psid,
    psidLength: k,
    psidOffset: rule.psidOffset,
    ports: portCount(k, rule.psidOffset),
    portRanges: portRanges(psid, k, rule.psidOffset),
    ceAddress: form === 'draft03' ? draft03 : rfc7597,
    interfaceIdForm: form,
    ceAddressDraft03: draft03,
    ceAddressRfc7597: rfc7597,
    br: rule.br,
    userPrefix: `${formatIpv6(endUserPrefix)}/${eaEnd}`,
    warnings,
  };
}
