/**
 * Rules that exist only for a Linux/VyOS CE (an RTX has no ip6tnl encaplimit, no separately assigned CE
 * address and no hand-made route to the BR). Each rule is one file under ./linux/; this only collects them.
 */
import type { Rule } from '../rule.js';
import { brRouteOnlinkRule } from './linux/br-route-onlink.js';
import { ceAddressNotAssignedRule } from './linux/ce-address-not-assigned.js';
import { encaplimitPresentRule } from './linux/encaplimit-present.js';

export const LINUX_ONLY_RULES: readonly Rule[] = [ceAddressNotAssignedRule, encaplimitPresentRule, brRouteOnlinkRule];
