/** `show ip route`. */
import { cleanLines } from '../text.js';
import type { ShowOutput } from './common.js';
import { parseRouteTable, type RouteEntry } from './route-table.js';

export interface ShowIpRoute extends ShowOutput {
  command: 'show ip route';
  routes: RouteEntry[];
}

export function parseShowIpRoute(output: string): ShowIpRoute {
  const { headerLine, routes } = parseRouteTable(cleanLines(output));
  return { command: 'show ip route', recognized: headerLine !== null || routes.length > 0, routes };
}
