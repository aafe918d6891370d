/**
 * Every finding, one folder each (findings/<code-in-kebab>/: definition, detectors per platform, tests). The order
 * is the catalog's (FINDINGS.md): findings of one severity are listed in it. Adding a code = adding its folder and
 * one line here; the registry, catalog, hop map, gather plan and docs/findings.md follow from the definitions.
 */
import { ipv6NoPrefix } from './ipv6-no-prefix/definition.js';
import { ipv6PrefixSourceMismatch } from './ipv6-prefix-source-mismatch/definition.js';
import { ngnTypeMissing } from './ngn-type-missing/definition.js';
import { ipv6FilterBlocksIpip } from './ipv6-filter-blocks-ipip/definition.js';
import { brUnreachable } from './br-unreachable/definition.js';
import { brRouteOnlink } from './br-route-onlink/definition.js';
import { serviceUnknownPrefix } from './service-unknown-prefix/definition.js';
import { brAddressWrong } from './br-address-wrong/definition.js';
import { ceAddressWrong } from './ce-address-wrong/definition.js';
import { ceAddressNotAssigned } from './ce-address-not-assigned/definition.js';
import { encaplimitPresent } from './encaplimit-present/definition.js';
import { ipv4TunnelMissing } from './ipv4-tunnel-missing/definition.js';
import { deviceModelUnlisted } from './device-model-unlisted/definition.js';
import { tunnelDisabled } from './tunnel-disabled/definition.js';
import { tunnelNoRx } from './tunnel-no-rx/definition.js';
import { defaultRouteNotTunnel } from './default-route-not-tunnel/definition.js';
import { firmwareTooOld } from './firmware-too-old/definition.js';
import { deviceUnsupportedService } from './device-unsupported-service/definition.js';
import { aftrNameUnresolved } from './aftr-name-unresolved/definition.js';
import { fixedipUpdateNotConfigured } from './fixedip-update-not-configured/definition.js';
import { fixedipUpdateFailed } from './fixedip-update-failed/definition.js';
import { fixedipPrefixLogOff } from './fixedip-prefix-log-off/definition.js';
import { fixedipIidMismatch } from './fixedip-iid-mismatch/definition.js';
import { fixedipNatOuterMismatch } from './fixedip-nat-outer-mismatch/definition.js';
import { natDescriptorMissing } from './nat-descriptor-missing/definition.js';
import { portsetOutside } from './portset-outside/definition.js';
import { portsetPartial } from './portset-partial/definition.js';
import { icmpNotTranslated } from './icmp-not-translated/definition.js';
import { tunnelMtuTooLarge } from './tunnel-mtu-too-large/definition.js';
import { mssClampMissing } from './mss-clamp-missing/definition.js';
import { ipv4FilterLanMismatch } from './ipv4-filter-lan-mismatch/definition.js';

export const FINDINGS = [
  ipv6NoPrefix,
  ipv6PrefixSourceMismatch,
  ngnTypeMissing,
  ipv6FilterBlocksIpip,
  brUnreachable,
  brRouteOnlink,
  serviceUnknownPrefix,
  brAddressWrong,
  ceAddressWrong,
  ceAddressNotAssigned,
  encaplimitPresent,
  ipv4TunnelMissing,
  deviceModelUnlisted,
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
] as const;
