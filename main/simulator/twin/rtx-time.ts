/** Time as the twin's routers print it: local time in JST (+09:00), like the units in the field reports. */

const JST_MS = 9 * 3600_000;

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2022/12/13 01:42:39 +09:00` (or without the offset, read as JST) → Date. */
export function parseRtxTime(text: string): Date {
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?: ([+-])(\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!m) throw new Error(`not an RTX time: ${text}`);
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 3600_000 + Number(om) * 60_000) : JST_MS;
  return new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!) - offset);
}

function jst(d: Date): Date {
  return new Date(d.getTime() + JST_MS);
}

/** `2022/12/13 01:42:39` (log lines, `from …` in `show status ipip`). */
export function formatLogTime(d: Date): string {
  const j = jst(d);
  return `${j.getUTCFullYear()}/${pad2(j.getUTCMonth() + 1)}/${pad2(j.getUTCDate())} ${pad2(j.getUTCHours())}:${pad2(j.getUTCMinutes())}:${pad2(j.getUTCSeconds())}`;
}

/** `2022/12/13 01:42:39 +09:00` (`show environment`). */
export function formatRtxTime(d: Date): string {
  return `${formatLogTime(d)} +09:00`;
}

/** `Dec 12 18:19:32 2022` (`# Reporting Date:` in the `show config` header). */
export function formatReportingDate(d: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const j = jst(d);
  return `${months[j.getUTCMonth()]} ${pad2(j.getUTCDate())} ${pad2(j.getUTCHours())}:${pad2(j.getUTCMinutes())}:${pad2(j.getUTCSeconds())} ${j.getUTCFullYear()}`;
}

/** `5days 21:12:17` (`Elapsed time from boot:`). */
export function formatElapsed(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  const rest = s % 86400;
  return `${days}days ${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor((rest % 3600) / 60))}:${pad2(rest % 60)}`;
}

/**
 * `1 minute 9 seconds` as `show status ipip` prints a connection's age. Minutes and seconds are confirmed
 * by field report 000; the hour and day words follow the same pattern (unconfirmed).
 */
export function formatConnectionAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const parts: [number, string][] = [
    [Math.floor(s / 86400), 'day'],
    [Math.floor((s % 86400) / 3600), 'hour'],
    [Math.floor((s % 3600) / 60), 'minute'],
    [s % 60, 'second'],
  ];
  const firstNonZero = parts.findIndex(([n]) => n > 0);
  const shown = firstNonZero < 0 ? parts.slice(3) : parts.slice(firstNonZero);
  return shown.map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(' ');
}

/** `20分43秒` as the Japanese `show status tunnel` prints it (the example shows minutes and seconds). */
export function formatConnectionAgeJa(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${d > 0 ? `${d}日` : ''}${d > 0 || h > 0 ? `${h}時間` : ''}${m}分${s % 60}秒`;
}
