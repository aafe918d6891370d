/**
 * Every diagnosis rule, one per file. Rules shared by both platforms dispatch inside (`rtxX` here, `linuxX`
 * in ./linux/<kebab-code>.ts, owned by the Linux side, which also exports `linuxXNeeds`); rules that exist on
 * one platform only are listed once (the Linux-only ones come from ./linux-only.ts). Order does not matter:
 * the engine sorts findings by severity and catalog order.
 */
import type { Rule } from '../rule.js';
import { LINUX_ONLY_RULES } from './linux-only.js';
import { aftrNameUnresolved } from './aftr-name-unresolved.js';
import { brAddressWrong } from './br-address-wrong.js';
import { brUnreachable } from './br-unreachable.js';
import { ceAddressWrong } from './ce-address-wrong.js';
import { defaultRouteNotTunnel } from './default-route-not-tunnel.js';
import { deviceUnsupportedService } from './device-unsupported-service.js';
import { firmwareTooOld } from './firmware-too-old.js';
import { fixedipIidMismatch } from './fixedip-iid-mismatch.js';
import { fixedipNatOuterMismatch } from './fixedip-nat-outer-mismatch.js';
import { fixedipPrefixLogOff } from './fixedip-prefix-log-off.js';
import { fixedipUpdateFailed } from './fixedip-update-failed.js';
import { fixedipUpdateNotConfigured } from './fixedip-update-not-configured.js';
import { icmpNotTranslated } from './icmp-not-translated.js';
import { ipv4FilterLanMismatch } from './ipv4-filter-lan-mismatch.js';
import { ipv6FilterBlocksIpip } from './ipv6-filter-blocks-ipip.js';
import { ipv6NoPrefix } from './ipv6-no-prefix.js';
import { ipv6PrefixSourceMismatch } from './ipv6-prefix-source-mismatch.js';
import { mssClampMissing } from './mss-clamp-missing.js';
import { natDescriptorMissing } from './nat-descriptor-missing.js';
import { ngnTypeMissing } from './ngn-type-missing.js';
import { portsetOutside } from './portset-outside.js';
import { portsetPartial } from './portset-partial.js';
import { serviceUnknownPrefix } from './service-unknown-prefix.js';
import { tunnelDisabled } from './tunnel-disabled.js';
import { tunnelMtuTooLarge } from './tunnel-mtu-too-large.js';
import { tunnelNoRx } from './tunnel-no-rx.js';

/** Rules that run on an RTX (several also on Linux, through their linux branch). */
export const RTX_RULES: readonly Rule[] = [
  ipv6NoPrefix,
  ipv6PrefixSourceMismatch,
  ngnTypeMissing,
  ipv6FilterBlocksIpip,
  brUnreachable,
  serviceUnknownPrefix,
  brAddressWrong,
  ceAddressWrong,
  tunnelDisabled,
  tunnelNoRx,
  defaultRouteNotTunnel,
  firmwareTooOld,
  deviceUnsupportedService,
  aftrNameUnresolved,
  fixedipUpdateNotConfigured,
  fixedipUpdateFailed,
  fixedipPrefixLogOff,
  fixedipIidMismatch,
  fixedipNatOuterMismatch,
  natDescriptorMissing,
  portsetOutside,
  portsetPartial,
  icmpNotTranslated,
  tunnelMtuTooLarge,
  mssClampMissing,
  ipv4FilterLanMismatch,
];

export const ALL_RULES: readonly Rule[] = [...RTX_RULES, ...LINUX_ONLY_RULES];
