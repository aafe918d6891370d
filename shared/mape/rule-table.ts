import { parseRule, type MapRule } from './rule.js';
import { MAPE_RULE_ROWS } from './rules-data.js';
import { prefixMask } from './ipv6-input.js';

interface RuleIndex {
  rules: readonly MapRule[];
  /** Distinct rule prefix lengths, longest first, each with its rules keyed by network value. */
  byLength: readonly { length: number; mask: bigint; rules: ReadonlyMap<bigint, MapRule> }[];
}

let index: RuleIndex | undefined;

/** Parses the table once, on first use: a lookup is then one Map probe per distinct prefix length (two today). */
function ruleIndex(): RuleIndex {
  if (index) return index;
  const rules = MAPE_RULE_ROWS.map(([providerId, ipv6Prefix, ipv4Prefix, eaLength, psidLength, psidOffset, br]) =>
    parseRule({ providerId, ipv6Prefix, ipv4Prefix, eaLength, psidLength, psidOffset, br }),
  );
  const lengths = [...new Set(rules.map((r) => r.ipv6Length))].sort((x, y) => y - x);
  const byLength = lengths.map((length) => {
    const map = new Map<bigint, MapRule>();
    for (const rule of rules) {
      if (rule.ipv6Length !== length) continue;
      if (map.has(rule.ipv6Network)) throw new Error(`duplicate MAP rule ${rule.ipv6Prefix} in the rule table`);
      map.set(rule.ipv6Network, rule);
    }
    return { length, mask: prefixMask(length), rules: map };
  });
  index = { rules, byLength };
  return index;
}

/** Every rule in the built-in table, parsed. */
export function mapeRules(): readonly MapRule[] {
  return ruleIndex().rules;
}

/** Longest-prefix match of a 128-bit address against the table; undefined when no rule covers it. */
export function findRule(address: bigint): MapRule | undefined {
  for (const { mask, rules } of ruleIndex().byLength) {
    const rule = rules.get(address & mask);
    if (rule) return rule;
  }
  return undefined;
}
