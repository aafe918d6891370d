import iconv from 'iconv-lite';
import { TransportError, TransportEvents, transportFrom, type Transport } from '../../transports/transport.js';
import { say } from '../../../shared/i18n/message.js';
import { RtxConsole, type RtxConsoleHost, type RtxConsoleOptions } from '../twin/rtx-console.js';
import { LinePacer } from './line-pacer.js';
import { loadScenario, type Scenario } from './scenario-files.js';

export interface TwinTransportOptions extends RtxConsoleOptions {
  /**
   * Pace the twin's output like a serial line (SERIAL_9600_BYTES_PER_SECOND = 960 B/s for the RTX default
   * 9600 bit/s); null or absent for no pacing (in-process demo and tests).
   */
  bytesPerSecond?: number | null;
}

/** The twin reached in-process, with its console at hand (the SSH and stdio hosts and the tests use it). */
export interface TwinTransport extends Transport {
  console: RtxConsole;
  /** The cable pulled: bytes still on the wire are lost and the line drops at once. */
  pullCable(): void;
}

/** What the pure console needs from Node: real timers and the cp932 encoder. */
export const NODE_CONSOLE_HOST: RtxConsoleHost = {
  after: (ms, fn) => void setTimeout(fn, ms),
  encodeSjis: (text) => iconv.encode(text, 'cp932'),
};

export function connectTwin(scenario: Scenario | string, opts: TwinTransportOptions = {}): TwinTransport {
  const loaded = typeof scenario === 'string' ? loadScenario(scenario) : scenario;
  const rtx = new RtxConsole(loaded, NODE_CONSOLE_HOST, {
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.pingIntervalMs !== undefined ? { pingIntervalMs: opts.pingIntervalMs } : {}),
    ...(opts.savedConfig !== undefined ? { savedConfig: opts.savedConfig } : {}),
    ...(opts.hangUpOnLogout !== undefined ? { hangUpOnLogout: opts.hangUpOnLogout } : {}),
  });
  const events = new TransportEvents();
  const bps = opts.bytesPerSecond ?? null;
  const pacer = new LinePacer(bps, (chunk) => events.emitData(chunk));
  const off = rtx.onOutput((chunk) => pacer.push(Buffer.from(chunk)));
  rtx.onClose(() => {
    // Let what was already "on the wire" arrive before the line drops.
    const wait = () => (pacer.pending > 0 ? setTimeout(wait, 10) : events.emitClose(new TransportError('twin-hung-up', say('msg.twin.hungUp'))));
    wait();
  });
  return transportFrom<Omit<TwinTransport, 'onData' | 'onClose' | 'closed'>>(events, {
    console: rtx,
    label: `demo:${loaded.id}`,
    bytesPerSecond: bps,
    async write(data) {
      if (events.closed) throw new TransportError('twin-disconnected', say('msg.twin.disconnected'));
      const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
      // Input is handled asynchronously, as a real device would, so callers never re-enter themselves.
      setImmediate(() => rtx.input(bytes));
    },
    pullCable() {
      off();
      pacer.stop();
      events.emitClose(new TransportError('twin-line-dropped', say('msg.twin.lineDropped')));
    },
    async close() {
      off();
      pacer.stop();
      events.emitClose(null);
    },
  });
}
