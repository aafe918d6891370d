import type { Transport } from './transport.js';

/** Rates an RTX console may be set to (`console speed`), most likely first. */
export const CANDIDATE_RATES = [9600, 115200, 57600, 38400, 19200, 4800] as const;

export interface BaudProbeResult {
  baudRate: number;
  score: number;
  tried: { baudRate: number; score: number; bytes: number }[];
}

/**
 * How much a reply looks like console text: printable ASCII, CR/LF and UTF-8/Shift_JIS lead bytes
 * count; control bytes and lone high bytes (what a wrong rate produces) do not. A prompt is a strong hint.
 */
export function consoleLikeness(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  let good = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 0x0d || b === 0x0a) good++;
  const text = Buffer.from(bytes).toString('latin1');
  const promptBonus = /(?:[>#] ?$)|Password:|Username:/m.test(text) ? 0.5 : 0;
  return good / bytes.length + promptBonus;
}

/**
 * When the console answers garbage, try each rate: send Enter, listen briefly, keep the rate whose
 * answer looks most like text. Each attempt closes its port before the next opens.
 */
export async function probeBaudRate(
  open: (baudRate: number) => Promise<Transport>,
  opts: { rates?: readonly number[]; listenMs?: number; signal?: AbortSignal } = {},
): Promise<BaudProbeResult | null> {
  const tried: BaudProbeResult['tried'] = [];
  for (const baudRate of opts.rates ?? CANDIDATE_RATES) {
    if (opts.signal?.aborted) break;
    const t = await open(baudRate);
    const chunks: Uint8Array[] = [];
    const off = t.onData((c) => chunks.push(c));
    try {
      await t.write('\r');
      await new Promise((r) => setTimeout(r, opts.listenMs ?? 1200));
    } finally {
      off();
      await t.close();
    }
    const bytes = Buffer.concat(chunks);
    tried.push({ baudRate, score: consoleLikeness(bytes), bytes: bytes.length });
    if (consoleLikeness(bytes) >= 1.4) break; // clean text with a prompt: no need to go on
  }
  const best = [...tried].sort((a, b) => b.score - a.score)[0];
  return best && best.score >= 0.9 ? { baudRate: best.baudRate, score: best.score, tried } : null;
}
