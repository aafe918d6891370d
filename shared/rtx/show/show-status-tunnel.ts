/** `show status tunnel N` (English and Japanese consoles). */
import { cleanLines } from '../text.js';
import type { ShowOutput } from './common.js';
import { parseTunnelBlocks, type TunnelStatus } from './tunnel-block.js';

export interface ShowStatusTunnel extends ShowOutput {
  command: 'show status tunnel';
  tunnels: TunnelStatus[];
}

export function parseShowStatusTunnel(output: string): ShowStatusTunnel {
  const tunnels = parseTunnelBlocks(cleanLines(output));
  return { command: 'show status tunnel', recognized: tunnels.length > 0, tunnels };
}
