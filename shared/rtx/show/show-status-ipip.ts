/** `show status ipip`: per tunnel status, traffic counters and remote endpoint. */
import { cleanLines } from '../text.js';
import { labelled, type ShowOutput, type Src } from './common.js';
import { parseTunnelBlocks, type TunnelStatus } from './tunnel-block.js';

export interface ShowStatusIpip extends ShowOutput {
  command: 'show status ipip';
  /** `Number of IPIP tunnels: 1` */
  tunnelCount: (Src & { value: number }) | null;
  tunnels: TunnelStatus[];
}

const COUNT = ['Number of IPIP tunnels', 'IPIPトンネル数'];

export function parseShowStatusIpip(output: string): ShowStatusIpip {
  const lines = cleanLines(output);
  let tunnelCount: ShowStatusIpip['tunnelCount'] = null;
  let banner = false;
  for (const l of lines) {
    if (l.text.includes('IPIP INFORMATION')) banner = true;
    const n = labelled(l.text, COUNT);
    if (n !== null && /^\d{1,9}$/.test(n)) {
      tunnelCount = { value: Number(n), lines: [l.line] };
      break;
    }
  }
  const tunnels = parseTunnelBlocks(lines);
  return { command: 'show status ipip', recognized: banner || tunnelCount !== null || tunnels.length > 0, tunnelCount, tunnels };
}
