/**
 * MAP-E / IPIP calculator: the API the UI, the CLI and the diagnosis rules use.
 * Everything here is pure (no I/O) and throws CalcInputError for input a person can correct.
 */
export { calculateMapE, calculateMapEWithRule, type MapEOptions, type MapEResult } from './calculate.js';
export { fixedIpCeAddress, fixedIpInterfaceId, type FixedIpResult } from './fixed-ip.js';
export { CalcInputError, type CalcInputErrorCode, type CalcWarning, type CalcWarningCode } from './errors.js';
export { mapInterfaceId, type InterfaceIdForm } from './ce-address.js';
export { portCount, portRanges, psidOfPort, formatRange, type PortRange } from './port-set.js';
export { parseRule, ruleLabel, type MapRule, type MapRuleSpec, type MapRuleSummary } from './rule.js';
export { findRule, mapeRules } from './rule-table.js';
export { MAPE_RULES_SOURCE, type MapEProviderId } from './rules-data.js';
export {
  renderSnippet,
  isSnippetFormat,
  SNIPPET_FORMATS,
  type SnippetFormat,
  type SnippetOptions,
} from './snippets/index.js';
