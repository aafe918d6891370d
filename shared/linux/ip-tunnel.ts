/**
 * `ip -6 tunnel show` (also `ip tunnel show` for sit/ipip): one line per tunnel,
 * `mape: ip/ipv6 remote 2404:9200:225:100::64 local 2404:… dev eth1 encaplimit 4 hoplimit 64 tclass 0x00 …`.
 * It shows no up/down state and no MTU; those come from `ip -d link show`.
 */
import type { Evidence, ParseOptions } from './evidence.js';
import { cleanLines, words } from './text.js';
import { emptyTunnelParams, readTunnelWords, tunnelMode, type TunnelParams } from './tunnel-params.js';

export interface TunnelShowEntry extends TunnelParams {
  name: string;
  evidence: Evidence;
}

export interface IpTunnelResult {
  tunnels: TunnelShowEntry[];
  unrecognised: number[];
}

/** `name: mode …`; the mode is `ip/ipv6`, `ipv6/ipv6`, `any/ipv6`, `ipv6/ip`, `gre/ipv6` … */
const LINE = /^([^\s:]{1,64}):\s+([a-z0-9]{1,8}\/[a-z0-9]{1,8})\b(.*)$/i;

export function parseIpTunnelText(output: string, opts: ParseOptions = {}): IpTunnelResult {
  const command = opts.command ?? 'ip -6 tunnel show';
  const tunnels: TunnelShowEntry[] = [];
  const unrecognised: number[] = [];
  for (const { line, text } of cleanLines(output, opts.firstLine)) {
    if (text.trim() === '') continue;
    const m = LINE.exec(text.trim());
    if (!m) {
      unrecognised.push(line);
      continue;
    }
    const params = emptyTunnelParams();
    params.modeRaw = m[2]!;
    params.mode = tunnelMode(m[2]!);
    // `(flowinfo 0x00000000)` carries nothing the flowlabel/tclass words do not.
    readTunnelWords(words(m[3]!.replace(/\(flowinfo [^)]*\)/g, '')), params);
    tunnels.push({ name: m[1]!, ...params, evidence: { command, lines: [line] } });
  }
  return { tunnels, unrecognised };
}
