/**
 * Linux / VyOS CE knowledge: parsers for what users paste (or the app runs) and the CE summary the diagnosis
 * rules read. Everything here is pure; `parseCommandOutput`, `parseAnyOutput` and `parseTranscript` never throw.
 */
export type { Evidence, ParseOptions } from './evidence.js';
export { stripTerminalNoise, numberLines, cleanLines, type NumberedLine } from './text.js';
export { LinuxInputError } from './json-input.js';
export { classifyCommand, sniffKind, normaliseCommand, type CommandInfo, type ParserKind } from './commands.js';
export { tunnelMode, type TunnelMode, type TunnelParams } from './tunnel-params.js';
export { parseIpLinkText, parseIpLinkJson, type LinkInfo, type LinkStats, type IpLinkResult } from './ip-link.js';
export { parseIpTunnelText, type TunnelShowEntry, type IpTunnelResult } from './ip-tunnel.js';
export { parseIpAddrText, parseIpAddrJson, type InterfaceAddress, type AddrInterface, type IpAddrResult, type Lifetime } from './ip-addr.js';
export { parseIpRouteText, parseIpRouteJson, type Route, type Nexthop, type Family, type IpRouteResult, type RouteParseOptions } from './ip-route.js';
export type {
  NftResult,
  NftTable,
  NftChain,
  NftRule,
  NftMatch,
  NftStatement,
  SnatStatement,
  MarkSetStatement,
  MssStatement,
  NumgenSpec,
  NftPriority,
  PortRange,
} from './nft-model.js';
export { parseNftText } from './nft-text.js';
export { parseNftJson } from './nft-json.js';
export { parseSysctl, type SysctlResult, type SysctlEntry, type RpFilterSetting } from './sysctl.js';
export { parseVyosConfig, vyosProtocols, type VyosConfigResult, type VyosTunnel, type VyosNatRule, type VyosAddress, type VyosStaticRoute } from './vyos-config.js';
export {
  parseCommandOutput,
  parseAnyOutput,
  MAX_INPUT_CHARS,
  type ParsedOutput,
  type ParseOutcome,
  type ParseErrorCode,
  type ParseOutputOptions,
} from './parse.js';
export { splitTranscript, parseTranscript, type TranscriptBlock, type ReadBlock, type TranscriptResult } from './transcript.js';
export { mergeRanges, countPorts, subtractRanges, portCoverage, type PortCoverage } from './port-ranges.js';
export {
  summariseCe,
  findAssignedAddress,
  routeFor,
  sameAddress,
  L4_PROTOCOLS,
  type CeFacts,
  type CeTunnel,
  type CeAddress,
  type SnatFacts,
  type SnatRuleFact,
  type ProtocolSnat,
  type MssFacts,
  type RpFilterFact,
  type L4,
} from './facts.js';
