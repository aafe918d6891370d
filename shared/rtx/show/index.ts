/** Every RTX `show` (and ping) parser, and a lookup by command for callers that hold the command line. */
import { parseShowEnvironment } from '../show-environment.js';
import { parsePing, parsePing6 } from './ping.js';
import { parseShowIpRoute } from './show-ip-route.js';
import { parseShowIpv6Address } from './show-ipv6-address.js';
import { parseShowIpv6Route } from './show-ipv6-route.js';
import { parseShowLog } from './show-log.js';
import { parseShowNatDescriptorAddress } from './show-nat-descriptor-address.js';
import { parseShowStatusIpip } from './show-status-ipip.js';
import { parseShowStatusIpv6Dhcp } from './show-status-ipv6-dhcp.js';
import { parseShowStatusTunnel } from './show-status-tunnel.js';

export type { ShowOutput, Src } from './common.js';
export type { TrafficCounter, TunnelStatus, TunnelTraffic } from './tunnel-block.js';
export type { RouteEntry } from './route-table.js';
export { parseShowEnvironment } from '../show-environment.js';
export type { EnvironmentFacts } from '../show-environment.js';
export { parsePing, parsePing6, type PingReply, type PingResult } from './ping.js';
export { parseShowIpRoute, type ShowIpRoute } from './show-ip-route.js';
export { parseShowIpv6Address, type Ipv6AddressEntry, type Ipv6InterfaceAddresses, type ShowIpv6Address } from './show-ipv6-address.js';
export { parseShowIpv6Route, type ShowIpv6Route } from './show-ipv6-route.js';
export { parseShowLog, type LogEntry, type LogEvent, type LogEventBody, type ShowLog } from './show-log.js';
export {
  parseShowNatDescriptorAddress, type NatDescriptorStatus, type NatSessionRow, type ShowNatDescriptorAddress,
} from './show-nat-descriptor-address.js';
export { parseShowStatusIpip, type ShowStatusIpip } from './show-status-ipip.js';
export { parseShowStatusIpv6Dhcp, type Dhcp6InterfaceStatus, type ShowStatusIpv6Dhcp } from './show-status-ipv6-dhcp.js';
export { parseShowStatusTunnel, type ShowStatusTunnel } from './show-status-tunnel.js';

/** Every `show` (and ping) parser by the command it reads, longest command first where one starts another. */
export const SHOW_PARSERS = [
  ['show status ipip', parseShowStatusIpip],
  ['show status tunnel', parseShowStatusTunnel],
  ['show status ipv6 dhcp', parseShowStatusIpv6Dhcp],
  ['show ipv6 address', parseShowIpv6Address],
  ['show ipv6 route', parseShowIpv6Route],
  ['show ip route', parseShowIpRoute],
  ['show nat descriptor address', parseShowNatDescriptorAddress],
  ['show log', parseShowLog],
  ['show environment', parseShowEnvironment],
  ['ping6', parsePing6],
  ['ping', parsePing],
] as const;

export type ShowCommand = (typeof SHOW_PARSERS)[number][0];

/**
 * The parser for a command line as typed (`show status tunnel 1`, `ping -c 3 8.8.8.8`, `show log reverse`):
 * the longest known command that starts the line, word for word. Null when none does.
 */
export function parserFor(commandLine: string): ((output: string) => unknown) | null {
  const typed = commandLine.trim().toLowerCase().split(/\s+/).join(' ');
  for (const [command, parse] of SHOW_PARSERS) {
    if (typed === command || typed.startsWith(`${command} `)) return parse as (output: string) => unknown;
  }
  return null;
}
