/** 9600 bit/s 8N1 is 960 bytes a second: the RTX serial console default. */
export const SERIAL_9600_BYTES_PER_SECOND = 960;

/**
 * Delivers bytes no faster than a serial line would: `bytesPerSecond` (960 for 9600 bit/s 8N1).
 * Bytes are released in small slices on a timer, so a reader sees the same trickle as on a real UART.
 */
export class LinePacer {
  private queue: Buffer[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | null = null;
  private budget = 0;
  private last = 0;

  constructor(
    private readonly bytesPerSecond: number | null,
    private readonly deliver: (chunk: Buffer) => void,
    private readonly tickMs = 10,
  ) {}

  push(chunk: Buffer): void {
    if (!this.bytesPerSecond) return this.deliver(chunk);
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (!this.timer) {
      this.last = Date.now();
      this.budget = 0;
      this.timer = setInterval(() => this.tick(), this.tickMs);
    }
  }

  private tick(): void {
    const now = Date.now();
    this.budget += ((now - this.last) / 1000) * this.bytesPerSecond!;
    this.last = now;
    let n = Math.floor(this.budget);
    if (n <= 0) return;
    this.budget -= n;
    const parts: Buffer[] = [];
    while (n > 0 && this.queue.length > 0) {
      const head = this.queue[0]!;
      if (head.length <= n) {
        parts.push(head);
        n -= head.length;
        this.queue.shift();
      } else {
        parts.push(head.subarray(0, n));
        this.queue[0] = head.subarray(n);
        n = 0;
      }
    }
    const out = Buffer.concat(parts);
    this.queued -= out.length;
    if (out.length) this.deliver(out);
    if (this.queue.length === 0) this.stop();
  }

  get pending(): number {
    return this.queued;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
