/** `show ipv6 route` (long gateways wrap: interface and type continue on the next line at column 50). */
import { cleanLines } from '../text.js';
import type { ShowOutput } from './common.js';
import { parseRouteTable, type RouteEntry } from './route-table.js';

export interface ShowIpv6Route extends ShowOutput {
  command: 'show ipv6 route';
  routes: RouteEntry[];
}

export function parseShowIpv6Route(output: string): ShowIpv6Route {
  const { headerLine, routes } = parseRouteTable(cleanLines(output));
  return { command: 'show ipv6 route', recognized: headerLine !== null || routes.length > 0, routes };
}
