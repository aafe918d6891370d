/**
 * Cutting a connection at an exact point of what the app sends (the fault-injection suite). A tap wraps the app's
 * wire (ConnectionRegistry's `tap` option) and, once armed, numbers every write (a command and its Enter, a
 * password, a key): a cut `before` write k fires the fault instead of sending it; a cut `inside` write k sends it
 * and fires the fault when the router's first answer to it arrives (the command is running on the router).
 */
import { TransportError, type Transport } from '../../main/transports/transport.js';

export interface CutPoint {
  where: 'before' | 'inside';
  /** Index of the write, counted from when the tap was armed. */
  write: number;
  /** Waited for before the fault fires (e.g. until `save` has reached the flash). */
  until?: () => Promise<void>;
  /** What the point is, for the suite's list. */
  name: string;
}

export class FaultTap {
  /** What was written since arming, passwords masked. */
  readonly writes: string[] = [];
  private armed = false;
  private point: CutPoint | null = null;
  private fault: (() => Promise<void>) | null = null;
  /** Settles when the fault has been applied (null: it never fired). */
  fired: Promise<void> | null = null;

  constructor(private readonly secrets: readonly string[]) {}

  /** From now on, number the writes; cut at `point` (none: only record). */
  arm(point: CutPoint | null, fault: () => Promise<void>): void {
    this.armed = true;
    this.point = point;
    this.fault = fault;
  }

  /** Stop numbering writes; a cut that has not fired by now never will. */
  disarm(): void {
    this.armed = false;
  }

  private fire(): Promise<void> {
    this.fired ??= (async () => {
      await this.point?.until?.();
      await this.fault!();
    })();
    return this.fired;
  }

  wrap(inner: Transport): Transport {
    return {
      get label() {
        return inner.label;
      },
      get bytesPerSecond() {
        return inner.bytesPerSecond;
      },
      get closed() {
        return inner.closed;
      },
      onData: (l) => inner.onData(l),
      onClose: (l) => inner.onClose(l),
      close: () => inner.close(),
      write: async (data) => {
        if (!this.armed || this.fired) return inner.write(data);
        const i = this.writes.length;
        const text = typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
        const line = text.replace(/\r$/, '');
        this.writes.push(this.secrets.includes(line) ? '(password)' : line);
        const p = this.point;
        if (p?.write === i && p.where === 'before') {
          await this.fire();
          throw new TransportError('cut', `cut before "${this.writes[i]}"`);
        }
        if (p?.write === i && p.where === 'inside') {
          const off = inner.onData(() => {
            off();
            void this.fire();
          });
        }
        return inner.write(data);
      },
    };
  }
}
