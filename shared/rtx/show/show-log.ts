/**
 * `show log`: timestamped entries plus the events the diagnosis keys on (boot, tunnel up/down, link
 * up/down, IPv6 prefix add/delete, the v6plus fixed-IP notification script's results, schedules).
 * Long entries wrap at the console width; a line exactly 80 characters long is joined with the next.
 * The notification script's outcome is read from `OK`/`NG` and `code=`, never from the server's body.
 */
import { unwrappedLines } from '../text.js';
import type { ShowOutput, Src } from './common.js';

export interface LogEntry extends Src {
  /** `2022/12/13 01:42:39`, or null for a line without a timestamp. */
  time: string | null;
  message: string;
}

export type LogEvent = Src & { time: string | null } & LogEventBody;

/** What an event says, before its time and lines are attached. */
export type LogEventBody =
  | { kind: 'boot'; model: string; firmware: string }
  | { kind: 'restart'; reason: string }
  | { kind: 'tunnel'; tunnel: number; up: boolean }
  | { kind: 'link'; interface: string; up: boolean }
  | {
      kind: 'ipv6-prefix';
      action: 'add' | 'delete';
      prefix: string;
      lifetime: string;
      interface: string;
      /** `DHCPv6`, `RA`, `Static` … The `ff02::/64 … by Static` line appears at every boot and is no lease. */
      source: string;
    }
  | {
      kind: 'update-notification';
      /** The `[tag]` the script logs with (`v6plus` in the public script). */
      tag: string | null;
      outcome: 'notified' | 'ok' | 'ng' | 'failed' | 'retrying';
      code: number | null;
    }
  | { kind: 'schedule'; text: string };

export interface ShowLog extends ShowOutput {
  command: 'show log';
  entries: LogEntry[];
  events: LogEvent[];
}

const STAMP = /^\s*(\d{4}\/\d{1,2}\/\d{1,2}\s+\d{1,2}:\d{2}:\d{2})\s*:\s?(.*)$/;
const BOOT = /^([A-Za-z][A-Za-z0-9-]*)\s+Rev\.(\d+(?:\.\d+)+)\b.*\bstarts$/;
const TUNNEL = /^IP\s*Tunnel\s*\[(\d{1,9})\]\s*(Up|Down)\b/i;
const LINK = /^([A-Za-z]+\d*(?:\/\d+)?)\s*:\s*link\s+(up|down)\b/i;
const PREFIX = /^(Add|Delete|Del|Remove)\s+IPv6\s+prefix\s+(\S+)\s+\(Lifetime:\s*([^)]{0,40})\)\s+via\s+(\S+)\s+by\s+(\S+)/i;
const TAG = /^\[([^\]]{1,40})\]\s*(.*)$/;
const CODE = /code=(\d{1,3})/;

function updateOutcome(message: string): { outcome: 'notified' | 'ok' | 'ng' | 'failed' | 'retrying'; code: number | null } | null {
  const code = CODE.exec(message);
  const c = code ? Number(code[1]) : null;
  if (/^OK to update\b/.test(message)) return { outcome: 'ok', code: c };
  if (/^NG to update\b/.test(message)) return { outcome: 'ng', code: c };
  if (/^Notified IPv6 address\b/i.test(message)) return { outcome: 'notified', code: c };
  if (/^Failed to notify\b/i.test(message)) return { outcome: /remaining retry/i.test(message) ? 'retrying' : 'failed', code: c };
  return null;
}

function eventOf(message: string): LogEventBody | null {
  const m = message.trim();
  let x: RegExpExecArray | null;
  if ((x = TUNNEL.exec(m))) return { kind: 'tunnel', tunnel: Number(x[1]), up: (x[2] ?? '').toLowerCase() === 'up' };
  if ((x = PREFIX.exec(m))) {
    return {
      kind: 'ipv6-prefix', action: (x[1] ?? '').toLowerCase() === 'add' ? 'add' : 'delete',
      prefix: x[2] ?? '', lifetime: (x[3] ?? '').trim(), interface: x[4] ?? '', source: x[5] ?? '',
    };
  }
  if ((x = LINK.exec(m))) return { kind: 'link', interface: x[1] ?? '', up: (x[2] ?? '').toLowerCase() === 'up' };
  if ((x = BOOT.exec(m))) return { kind: 'boot', model: x[1] ?? '', firmware: x[2] ?? '' };
  if (/^Restart by\b/i.test(m)) return { kind: 'restart', reason: m.slice('Restart by'.length).trim() };
  if (/^\[SCHEDULE\]/i.test(m)) return { kind: 'schedule', text: m.slice('[SCHEDULE]'.length).trim() };
  const tag = TAG.exec(m);
  const outcome = updateOutcome(tag ? (tag[2] ?? '') : m);
  if (outcome) return { kind: 'update-notification', tag: tag?.[1] ?? null, ...outcome };
  return null;
}

export function parseShowLog(output: string, columns = 80): ShowLog {
  const entries: LogEntry[] = [];
  const events: LogEvent[] = [];
  for (const l of unwrappedLines(output, columns, (text) => STAMP.test(text))) {
    if (l.text.trim() === '') continue;
    const stamp = STAMP.exec(l.text);
    const time = stamp?.[1] ?? null;
    const message = stamp ? (stamp[2] ?? '') : l.text.trim();
    entries.push({ time, message, lines: l.lines });
    const ev = eventOf(message);
    if (ev) events.push({ ...ev, time, lines: l.lines });
  }
  return { command: 'show log', recognized: entries.some((e) => e.time !== null), entries, events };
}
