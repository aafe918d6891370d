/** Shapes and small helpers every `show` parser uses. */
export type { Src } from '../config/types.js';

/** What every parsed `show` output carries. */
export interface ShowOutput {
  /** The command the output came from (`show status ipip`), so facts name their source. */
  command: string;
  /** False when nothing in the text looked like this command's output (wrong paste, error, garbage). */
  recognized: boolean;
}

/**
 * `Label: value` or `Label：value` (full-width colon, Japanese console) for any of the labels; the value
 * trimmed, or null. Labels are compared case-insensitively as plain text prefixes (no regex backtracking).
 */
export function labelled(text: string, labels: readonly string[]): string | null {
  const t = text.trim();
  const lower = t.toLowerCase();
  for (const label of labels) {
    if (!lower.startsWith(label.toLowerCase())) continue;
    const rest = t.slice(label.length).trimStart();
    if (rest.startsWith(':') || rest.startsWith('：')) return rest.slice(1).trim();
  }
  return null;
}

const UNIT_SECONDS: Record<string, number> = {
  day: 86400, days: 86400, '日': 86400,
  hour: 3600, hours: 3600, '時間': 3600,
  minute: 60, minutes: 60, min: 60, '分': 60,
  second: 1, seconds: 1, sec: 1, '秒': 1,
};

/**
 * Seconds in `1 minute 9 seconds`, `2 days 3 hours`, `20分43秒`, `1日2時間` or `5days 21:12:17`; null when
 * no part is recognised.
 */
export function durationSeconds(text: string): number | null {
  let total = 0;
  let found = false;
  for (const m of text.matchAll(/(\d{1,9})\s*(days?|hours?|minutes?|min|seconds?|sec|日|時間|分|秒)/g)) {
    total += Number(m[1]) * (UNIT_SECONDS[m[2] ?? ''] ?? 0);
    found = true;
  }
  const clock = /(\d{1,3}):(\d{2}):(\d{2})/.exec(text);
  if (clock) {
    total += Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
    found = true;
  }
  return found ? total : null;
}

/** True for a token that looks like an IPv6 address (optionally `/len` and `%zone`). */
export function looksIpv6(token: string): boolean {
  const colons = token.split(':').length - 1;
  return colons >= 2 && /^[0-9A-Fa-f:.]+(?:%[\w./-]+)?(?:\/\d{1,3})?$/.test(token);
}
