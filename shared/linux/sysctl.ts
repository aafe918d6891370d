/**
 * `sysctl net.ipv4.conf.*.rp_filter` (or `sysctl -a | grep rp_filter`): `net.ipv4.conf.all.rp_filter = 1`.
 * Strict reverse-path filtering (1) can drop replies that come back asymmetrically; MAP-E CEs use loose (2).
 */
import type { Evidence, ParseOptions } from './evidence.js';
import { cleanLines, toInt } from './text.js';

export interface SysctlEntry {
  key: string;
  value: string;
  evidence: Evidence;
}

export interface RpFilterSetting {
  /** `all`, `default`, or an interface name (sysctl writes `eth0.100` as `eth0/100`; the dot is restored). */
  iface: string;
  value: number;
  evidence: Evidence;
}

export interface SysctlResult {
  entries: SysctlEntry[];
  rpFilter: RpFilterSetting[];
  unrecognised: number[];
}

/** `key = value`; keys are dotted words (slashes stand for dots inside interface names). */
const ENTRY = /^([a-z0-9_]+(?:\.[A-Za-z0-9_/@:-]+){1,10})\s*=\s*(.*)$/;
const RP_FILTER = /^net\.ipv4\.conf\.([^.]+)\.rp_filter$/;

export function parseSysctl(output: string, opts: ParseOptions = {}): SysctlResult {
  const command = opts.command ?? 'sysctl net.ipv4.conf.all.rp_filter';
  const entries: SysctlEntry[] = [];
  const rpFilter: RpFilterSetting[] = [];
  const unrecognised: number[] = [];
  for (const { line, text } of cleanLines(output, opts.firstLine)) {
    const t = text.trim();
    if (t === '') continue;
    const m = ENTRY.exec(t);
    if (!m) {
      // `sysctl: cannot stat /proc/sys/…: No such file or directory` and the like.
      unrecognised.push(line);
      continue;
    }
    const evidence = { command, lines: [line] };
    entries.push({ key: m[1]!, value: m[2]!.trim(), evidence });
    const rp = RP_FILTER.exec(m[1]!);
    const value = toInt(m[2]!.trim());
    if (rp && value !== null) rpFilter.push({ iface: rp[1]!.replace(/\//g, '.'), value, evidence });
  }
  return { entries, rpFilter, unrecognised };
}
