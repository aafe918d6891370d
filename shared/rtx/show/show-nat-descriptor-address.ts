/**
 * `show nat descriptor address`: per descriptor the interface it is applied to, the outer address(es),
 * the masquerade port ranges and the session table. The `Port range:` list may be printed on one line
 * or wrapped over several (MAP-E port blocks; no public capture shows which), so lines that hold only
 * ranges continue the list. Japanese labels other than the documented descriptor line are guesses and
 * the English ones are always accepted.
 */
import { cleanLines, tokens } from '../text.js';
import { labelled, type ShowOutput, type Src } from './common.js';

export interface NatSessionRow extends Src {
  no: number;
  inner: string;
  sessions: number;
  limit: number;
  type: string;
}

export interface NatDescriptorStatus extends Src {
  id: number;
  /** `TUNNEL[1]` from `TUNNEL[1](1)`. */
  interface: string;
  /** As printed, e.g. `TUNNEL[1](1)`. */
  interfaceRaw: string;
  outerAddresses: (Src & { value: string })[];
  portRanges: (Src & { ranges: [number, number][]; sessions: number | null }) | null;
  rows: NatSessionRow[];
}

export interface ShowNatDescriptorAddress extends ShowOutput {
  command: 'show nat descriptor address';
  /** `NAT/IP masquerade compatibility type : 2` */
  compatibilityType: (Src & { value: number }) | null;
  descriptors: NatDescriptorStatus[];
}

const DESCRIPTOR = /^\s*(?:Reference Descriptor|参照NATディスクリプタ)\s*[:：]\s*(\d{1,9})\s*[,，、]\s*(?:Assigned Interface|適用インタフェース|適用インターフェース)\s*[:：]\s*(\S+)/i;
const COMPAT = ['NAT/IP masquerade compatibility type', 'NAT/IPマスカレード互換タイプ'];
const OUTER = ['Outer address', '外側アドレス', '外側IPアドレス'];
const PORTS = ['Port range', 'ポート範囲'];
const WRAP_COLUMNS = 80;
const RANGE = /(\d{1,5})\s*-\s*(\d{1,5})/g;
const SESSIONS = /(\d{1,12})\s*(?:sessions?|セッション)/i;
/** A wrapped continuation of the port list: only ranges, commas, and possibly the session count. */
const RANGES_ONLY = /^[\d\s,，-]*(?:\d{1,12}\s*(?:sessions?|セッション)\.?)?$/i;

function readRanges(text: string, into: [number, number][]): number | null {
  for (const m of text.matchAll(RANGE)) into.push([Number(m[1]), Number(m[2])]);
  const s = SESSIONS.exec(text);
  return s ? Number(s[1]) : null;
}

export function parseShowNatDescriptorAddress(output: string): ShowNatDescriptorAddress {
  const result: ShowNatDescriptorAddress = { command: 'show nat descriptor address', recognized: false, compatibilityType: null, descriptors: [] };
  let cur: NatDescriptorStatus | null = null;
  // The port list being read: its text is gathered over continuation lines and read once it ends, so a
  // range the console cut at column 80 (`4384-43` / `99`) is glued back before it is parsed.
  let ports: { text: string; lastLength: number; into: NonNullable<NatDescriptorStatus['portRanges']> } | null = null;
  const endPorts = (): void => {
    if (ports) ports.into.sessions = readRanges(ports.text, ports.into.ranges);
    ports = null;
  };
  for (const { line, text } of cleanLines(output)) {
    const trimmed = text.trim();
    if (ports && trimmed !== '' && (ports.lastLength === WRAP_COLUMNS || RANGES_ONLY.test(trimmed))) {
      ports.text += ports.lastLength === WRAP_COLUMNS ? trimmed : ` ${trimmed}`;
      ports.lastLength = text.length;
      ports.into.lines.push(line);
      continue;
    }
    endPorts();
    const compat = labelled(text, COMPAT);
    if (compat !== null && /^\d{1,9}$/.test(compat)) {
      result.compatibilityType = { value: Number(compat), lines: [line] };
      continue;
    }
    const d = DESCRIPTOR.exec(text);
    if (d) {
      const raw = d[2] ?? '';
      const paren = raw.indexOf('(');
      cur = { id: Number(d[1]), interface: paren > 0 ? raw.slice(0, paren) : raw, interfaceRaw: raw, outerAddresses: [], portRanges: null, rows: [], lines: [line] };
      result.descriptors.push(cur);
      continue;
    }
    if (!cur) continue;
    const outer = labelled(text, OUTER);
    if (outer !== null) {
      cur.outerAddresses.push({ value: outer, lines: [line] });
      continue;
    }
    const portList = labelled(text, PORTS);
    if (portList !== null) {
      cur.portRanges = { ranges: [], sessions: null, lines: [line] };
      ports = { text: portList, lastLength: text.length, into: cur.portRanges };
      continue;
    }
    const w = tokens(text);
    if (w.length === 5 && /^\d{1,9}$/.test(w[0] ?? '') && /^\d{1,12}$/.test(w[2] ?? '') && /^\d{1,12}$/.test(w[3] ?? '')) {
      cur.rows.push({ no: Number(w[0]), inner: w[1] ?? '', sessions: Number(w[2]), limit: Number(w[3]), type: w[4] ?? '', lines: [line] });
    }
  }
  endPorts();
  result.recognized = result.compatibilityType !== null || result.descriptors.length > 0;
  return result;
}
