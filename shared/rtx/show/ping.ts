/**
 * `ping` / `ping6` results: the per-reply lines (`received from X: icmp_seq=0 ttl=… time=…ms` as RTX prints,
 * or BSD `64 bytes from X: …`), the BSD-style summary `N packets transmitted, N packets received, X% packet
 * loss`, round-trip times, and console errors. No public capture of a Japanese ping summary was found; a
 * `N パケット送信 … N パケット受信 … X% …` form is accepted as a guess.
 */
import { cleanLines } from '../text.js';
import type { ShowOutput, Src } from './common.js';

export interface PingReply extends Src {
  from: string;
  seq: number | null;
  ttl: number | null;
  timeMs: number | null;
}

export interface PingResult extends ShowOutput {
  command: 'ping' | 'ping6';
  /** The address or name in `PING host (addr): …`, when printed. */
  target: (Src & { value: string }) | null;
  replies: PingReply[];
  summary: (Src & { transmitted: number; received: number; lossPercent: number }) | null;
  rtt: (Src & { minMs: number; avgMs: number; maxMs: number }) | null;
  /** `Error: …` / `エラー：…` lines and timeouts, as printed. */
  errors: (Src & { text: string })[];
}

const SUMMARY_EN = /(\d{1,12})\s+packets?\s+transmitted,\s*(\d{1,12})\s+(?:packets?\s+)?received,(?:\s*\+?\d{1,12}\s+\w{1,12},)*\s*(\d{1,3}(?:\.\d{1,6})?)%\s+packet\s+loss/i;
const SUMMARY_JA = /(\d{1,12})\s*(?:個の)?パケットを?送信\D{0,20}?(\d{1,12})\s*(?:個の)?パケットを?受信\D{0,20}?(\d{1,3}(?:\.\d{1,6})?)\s*[%％]/;
const REPLY = /^(?:received from|\d{1,6} bytes from)\s+(\S+)/i;
const TARGET = /^PING6?\s+(\S+)/;
const RTT = /(?:round-trip|rtt)\s+min\/avg\/max(?:\/\S+)?\s*=\s*([\d.]{1,20})\/([\d.]{1,20})\/([\d.]{1,20})/i;
const ERROR = /^(?:Error\s*:|エラー\s*[:：]|Request timed? ?out|timeout|ping: )/i;

function numberAfter(text: string, key: string): number | null {
  const i = text.indexOf(key);
  if (i < 0) return null;
  const m = /^[\d.]{1,20}/.exec(text.slice(i + key.length, i + key.length + 24));
  return m ? Number(m[0]) : null;
}

/** `8.8.8.8:` → `8.8.8.8`; `2404:1a8::1:` → `2404:1a8::1` (a trailing `::` is part of the address). */
function replyAddress(word: string): string {
  const w = word.replace(/,$/, '');
  return w.endsWith(':') && !w.endsWith('::') ? w.slice(0, -1) : w;
}

export function parsePing(output: string, command: 'ping' | 'ping6' = 'ping'): PingResult {
  const result: PingResult = { command, recognized: false, target: null, replies: [], summary: null, rtt: null, errors: [] };
  for (const { line, text } of cleanLines(output)) {
    const t = text.trim();
    if (t === '') continue;
    const reply = REPLY.exec(t);
    if (reply) {
      const ms = numberAfter(t, 'time=') ?? numberAfter(t, 'time<');
      result.replies.push({
        from: replyAddress(reply[1] ?? ''), seq: numberAfter(t, 'icmp_seq=') ?? numberAfter(t, 'seq='), ttl: numberAfter(t, 'ttl='),
        timeMs: ms !== null && Number.isFinite(ms) ? ms : null, lines: [line],
      });
      continue;
    }
    const s = SUMMARY_EN.exec(t) ?? SUMMARY_JA.exec(t);
    if (s) {
      result.summary = { transmitted: Number(s[1]), received: Number(s[2]), lossPercent: Number(s[3]), lines: [line] };
      continue;
    }
    const rtt = RTT.exec(t);
    if (rtt) {
      result.rtt = { minMs: Number(rtt[1]), avgMs: Number(rtt[2]), maxMs: Number(rtt[3]), lines: [line] };
      continue;
    }
    const target = TARGET.exec(t);
    if (target && result.target === null) {
      result.target = { value: target[1] ?? '', lines: [line] };
      continue;
    }
    if (ERROR.test(t)) result.errors.push({ text: t, lines: [line] });
  }
  result.recognized = result.summary !== null || result.replies.length > 0 || result.target !== null;
  return result;
}

export function parsePing6(output: string): PingResult {
  return parsePing(output, 'ping6');
}
