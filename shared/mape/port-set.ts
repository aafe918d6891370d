/** An inclusive port range [start, end]. */
export type PortRange = [start: number, end: number];

/**
 * The ports a CE may use (RFC 7597 §5.1): for A = 1 … 2^a − 1 and j = 0 … 2^m − 1,
 * port = A·2^(16−a) + PSID·2^m + j, with m = 16 − a − k. A = 0 is skipped so the well-known
 * ports (0 … 2^(16−a) − 1) are never handed out; with a = 0 there is no A field and a single block.
 */
export function portRanges(psid: number, psidLength: number, psidOffset: number): PortRange[] {
  const a = psidOffset;
  const m = 16 - a - psidLength;
  if (m < 0) throw new RangeError(`PSID offset ${a} + PSID length ${psidLength} exceed 16 bits`);
  if (psid < 0 || psid >= 2 ** psidLength) throw new RangeError(`PSID ${psid} does not fit in ${psidLength} bits`);
  const blockSize = 2 ** m;
  const base = psid * blockSize;
  if (a === 0) return [[base, base + blockSize - 1]];
  const ranges: PortRange[] = [];
  for (let A = 1; A < 2 ** a; A++) {
    const start = A * 2 ** (16 - a) + base;
    ranges.push([start, start + blockSize - 1]);
  }
  return ranges;
}

/** (2^a − 1) · 2^m, without listing the ports. */
export function portCount(psidLength: number, psidOffset: number): number {
  const m = 16 - psidOffset - psidLength;
  return psidOffset === 0 ? 2 ** m : (2 ** psidOffset - 1) * 2 ** m;
}

/** The PSID that owns a port under a rule, or undefined for the excluded ports (A = 0). */
export function psidOfPort(port: number, psidLength: number, psidOffset: number): number | undefined {
  const m = 16 - psidOffset - psidLength;
  if (psidOffset > 0 && port >> (16 - psidOffset) === 0) return undefined;
  return (port >> m) & (2 ** psidLength - 1);
}

export function formatRange([start, end]: PortRange): string {
  return start === end ? String(start) : `${start}-${end}`;
}
