/**
 * The `TUNNEL[N]:` block printed by both `show status ipip` and `show status tunnel N`, in English and
 * Japanese. Labels not seen in a public capture are accepted in English and, where a translation is
 * documented elsewhere in the reference, in Japanese.
 */
import type { NumberedLine } from '../console-lines.js';
import { durationSeconds, labelled, type Src } from './common.js';

export interface TrafficCounter extends Src {
  packets: number;
  octets: number;
}

export interface TunnelTraffic {
  ipv4: TrafficCounter | null;
  ipv6: TrafficCounter | null;
}

export interface TunnelStatus extends Src {
  id: number;
  description: (Src & { value: string }) | null;
  /** `Interface type: IPsec` / `インタフェースの種類: IPsec` (not printed by `show status ipip`). */
  interfaceType: (Src & { value: string }) | null;
  /** `Online` from `Current status is Online.`, or the whole Japanese sentence. */
  status: (Src & { text: string; online: boolean }) | null;
  /** `2022/12/12 20:12:29` from `from 2022/12/12 20:12:29.` / `開始: …` */
  since: (Src & { value: string }) | null;
  /** `1 minute 9 seconds` from `1 minute 9 seconds  connection.` / `通信時間: 20分43秒` */
  duration: (Src & { value: string; seconds: number | null }) | null;
  received: TunnelTraffic;
  transmitted: TunnelTraffic;
  remoteEndpoint: (Src & { value: string }) | null;
  localEndpoint: (Src & { value: string }) | null;
}

const HEADER = /^\s*TUNNEL\s*\[\s*(\d{1,9})\s*\]\s*[:：]?\s*$/i;
const COUNTER = /\(\s*(IPv4|IPv6)\s*\)\s*(\d{1,18})\s*(?:packets?|パケット)\s*\[\s*(\d{1,20})\s*(?:octets?|オクテット)\s*\]/i;
const STATUS_PREFIX = 'current status is ';
const FROM_EN = /^\s*from\s+(\d{4}\/\d{1,2}\/\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)\.?\s*$/i;

const RECEIVED = ['Received', '受信'];
const TRANSMITTED = ['Transmitted', '送信'];
const DESCRIPTION = ['Description', '説明'];
const TYPE = ['Interface type', 'インタフェースの種類', 'インターフェースの種類'];
const SINCE = ['開始', 'Start'];
const DURATION = ['通信時間', 'Connection time'];
const REMOTE = ['Remote endpoint address', 'Remote endpoint', '相手側エンドポイントアドレス', '相手側エンドポイント'];
const LOCAL = ['Local endpoint address', 'Local endpoint', '自分側エンドポイントアドレス', '自分側エンドポイント'];

function emptyTunnel(id: number, line: number): TunnelStatus {
  return {
    id, lines: [line], description: null, interfaceType: null, status: null, since: null, duration: null,
    received: { ipv4: null, ipv6: null }, transmitted: { ipv4: null, ipv6: null }, remoteEndpoint: null, localEndpoint: null,
  };
}

/** Online/offline from the status sentence in either language. */
function statusOf(text: string): { text: string; online: boolean } | null {
  const t = text.trim();
  if (t.toLowerCase().startsWith(STATUS_PREFIX)) {
    const word = t.slice(STATUS_PREFIX.length).trim().replace(/\.$/, '');
    return { text: word, online: word.toLowerCase() === 'online' };
  }
  // `トンネルインタフェースは接続されています` (connected); `…されていません` / `切断…` mean not connected.
  if (t.includes('トンネルインタフェース') || t.includes('トンネルインターフェース')) {
    return { text: t, online: t.includes('接続されています') };
  }
  return null;
}

/** `1 minute 9 seconds` from `1 minute 9 seconds  connection.` (string ops: no backtracking on long lines). */
function connectionTime(text: string): string | null {
  const t = text.trim().replace(/\.$/, '');
  if (!t.toLowerCase().endsWith(' connection')) return null;
  const value = t.slice(0, -' connection'.length).trim();
  return value === '' ? null : value;
}

/** Split lines into `TUNNEL[N]:` blocks and read each one. Lines outside any block are ignored. */
export function parseTunnelBlocks(lines: NumberedLine[]): TunnelStatus[] {
  const out: TunnelStatus[] = [];
  let cur: TunnelStatus | null = null;
  let direction: TunnelTraffic | null = null;
  for (const { line, text } of lines) {
    const head = HEADER.exec(text);
    if (head) {
      cur = emptyTunnel(Number(head[1]), line);
      out.push(cur);
      direction = null;
      continue;
    }
    if (!cur) continue;
    const src = [line];
    const rx = labelled(text, RECEIVED);
    const tx = rx === null ? labelled(text, TRANSMITTED) : null;
    if (rx !== null) direction = cur.received;
    else if (tx !== null) direction = cur.transmitted;
    const counter = COUNTER.exec(text);
    if (counter && direction) {
      const value = { packets: Number(counter[2]), octets: Number(counter[3]), lines: src };
      if ((counter[1] ?? '').toLowerCase() === 'ipv4') direction.ipv4 = value;
      else direction.ipv6 = value;
      continue;
    }
    if (rx !== null || tx !== null) continue;
    direction = null;
    const status = statusOf(text);
    if (status) {
      cur.status = { ...status, lines: src };
      continue;
    }
    const from = FROM_EN.exec(text);
    const since = from?.[1] ?? labelled(text, SINCE);
    if (since !== null && since !== undefined) {
      cur.since = { value: since.replace(/\.$/, ''), lines: src };
      continue;
    }
    const duration = connectionTime(text) ?? labelled(text, DURATION);
    if (duration !== null && duration !== undefined) {
      cur.duration = { value: duration, seconds: durationSeconds(duration), lines: src };
      continue;
    }
    const remote = labelled(text, REMOTE);
    if (remote !== null) {
      cur.remoteEndpoint = { value: remote, lines: src };
      continue;
    }
    const local = labelled(text, LOCAL);
    if (local !== null) {
      cur.localEndpoint = { value: local, lines: src };
      continue;
    }
    const type = labelled(text, TYPE);
    if (type !== null) {
      cur.interfaceType = { value: type, lines: src };
      continue;
    }
    const description = labelled(text, DESCRIPTION);
    if (description !== null) cur.description = { value: description, lines: src };
  }
  return out;
}
