/**
 * A byte pipe to a device console. Serial, SSH, the in-process demo and the local shell all
 * implement it, so the RTX session code never knows which wire it is on.
 */
import { MessageError } from '../../shared/i18n/message.js';

export interface Transport {
  /** Human label for the UI and logs, never containing a secret. */
  readonly label: string;
  /** Line speed in bytes per second when known (9600 bit/s 8N1 = 960 B/s); null when unbounded. */
  readonly bytesPerSecond: number | null;
  write(data: Uint8Array | string): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called once when the far end goes away (cable pulled, pty closed, SSH channel closed). */
  onClose(listener: (reason: Error | null) => void): () => void;
  readonly closed: boolean;
  close(): Promise<void>;
}

export class TransportError extends MessageError {
  override name = 'TransportError';
}

/** Shared listener bookkeeping for transports built on Node streams or callbacks. */
export class TransportEvents {
  private dataListeners = new Set<(chunk: Uint8Array) => void>();
  private closeListeners = new Set<(reason: Error | null) => void>();
  closed = false;

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (reason: Error | null) => void): () => void {
    if (this.closed) {
      queueMicrotask(() => listener(null));
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  emitData(chunk: Uint8Array): void {
    for (const l of this.dataListeners) l(chunk);
  }

  emitClose(reason: Error | null): void {
    if (this.closed) return;
    this.closed = true;
    for (const l of this.closeListeners) l(reason);
    this.closeListeners.clear();
    this.dataListeners.clear();
  }
}

/**
 * A transport from its own parts plus the listener bookkeeping every transport shares (onData, onClose,
 * closed), so each kind of wire only writes what is particular to it.
 */
export function transportFrom<T extends Omit<Transport, 'onData' | 'onClose' | 'closed'>>(events: TransportEvents, parts: T): T & Transport {
  return {
    ...parts,
    onData: (l: (chunk: Uint8Array) => void) => events.onData(l),
    onClose: (l: (reason: Error | null) => void) => events.onClose(l),
    get closed() {
      return events.closed;
    },
  };
}
