import type { MapEResult } from '../calculate.js';
import { formatRange } from '../port-set.js';

/** Names the snippet uses for interfaces; defaults match each platform's usual names. */
export interface SnippetOptions {
  /** NGN-facing interface (Linux, VyOS). */
  wan?: string;
  /** Tunnel interface name (Linux, VyOS). */
  tunnel?: string;
}

export const TUNNEL_MTU = 1460;

/** Comment lines (without the comment marker) that say what the snippet was computed from. */
export function summaryLines(result: MapEResult): string[] {
  return [
    `IPoE Doctor: MAP-E for ${result.provider}, rule ${result.rule.ipv6Prefix} → ${result.rule.ipv4Prefix}`,
    `IPv4 ${result.ipv4}, PSID ${result.psid}, ${result.ports} ports in ${result.portRanges.length} blocks`,
    `CE ${result.ceAddress} (prefix ${result.userPrefix}), BR ${result.br ?? '(none known: fill in)'}`,
  ];
}

/** The port blocks wrapped for comments, e.g. "6672-6687 10768-10783 …", `perLine` per line. */
export function portBlockLines(result: MapEResult, perLine = 8): string[] {
  const lines: string[] = [];
  for (let i = 0; i < result.portRanges.length; i += perLine) {
    lines.push(result.portRanges.slice(i, i + perLine).map(formatRange).join(' '));
  }
  return lines;
}

export function comment(marker: string, lines: readonly string[]): string[] {
  return lines.map((l) => (l === '' ? marker : `${marker} ${l}`));
}

/** The BR, or a placeholder that makes the pasted config fail loudly rather than silently. */
export function brOrPlaceholder(result: MapEResult): string {
  return result.br ?? 'BR_ADDRESS_FROM_PROVIDER';
}
