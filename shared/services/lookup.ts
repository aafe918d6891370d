import { parseIpv6Input } from '../mape/ipv6-input.js';
import { findRule } from '../mape/rule-table.js';
import { serviceById, type ServiceRecord } from './catalog.js';

/**
 * The MAP-E service whose rule table covers a prefix or address, or undefined (DS-Lite and other lines have no
 * published prefix list). The prefix may be shorter than /56: only the rule prefix must match.
 * A v6plus prefix may also carry v6plus fixed IP (see `samePrefixesAs`). Throws CalcInputError for input that
 * is not a global IPv6 address or prefix.
 */
export function serviceForPrefix(prefixOrAddress: string): ServiceRecord | undefined {
  const rule = findRule(parseIpv6Input(prefixOrAddress).value);
  if (!rule || rule.providerId === 'custom') return undefined;
  return serviceById(rule.providerId);
}
