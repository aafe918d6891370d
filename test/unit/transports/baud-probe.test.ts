import { describe, expect, it } from 'vitest';
import { consoleLikeness, probeBaudRate } from '../../../main/transports/baud-probe.js';
import { TransportEvents, type Transport } from '../../../main/transports/transport.js';

/** A console at `actual` bit/s: at any other rate the reply arrives as framing garbage. */
function fakeConsole(actual: number) {
  const opened: number[] = [];
  const open = async (baudRate: number): Promise<Transport> => {
    opened.push(baudRate);
    const events = new TransportEvents();
    return {
      label: `fake@${baudRate}`,
      bytesPerSecond: baudRate / 10,
      async write() {
        const reply = baudRate === actual ? Buffer.from('\r\nPassword: ') : Buffer.from([0xf8, 0x00, 0x80, 0xfe, 0x1c, 0x9f, 0xe0, 0x00, 0x86, 0xff, 0x03]);
        setTimeout(() => events.emitData(reply), 5);
      },
      onData: (l) => events.onData(l),
      onClose: (l) => events.onClose(l),
      get closed() {
        return events.closed;
      },
      async close() {
        events.emitClose(null);
      },
    };
  };
  return { open, opened };
}

describe('baud probe', () => {
  it('finds a console set to 115200 instead of the 9600 default', async () => {
    const c = fakeConsole(115200);
    const found = await probeBaudRate(c.open, { listenMs: 30 });
    expect(found?.baudRate).toBe(115200);
    expect(c.opened.slice(0, 2)).toEqual([9600, 115200]);
  });

  it('gives up (null) when nothing looks like a console', async () => {
    const c = fakeConsole(1234);
    expect(await probeBaudRate(c.open, { listenMs: 10 })).toBeNull();
  });

  it('scores text above garbage and silence', () => {
    expect(consoleLikeness(Buffer.from('RTX830> '))).toBeGreaterThan(1);
    expect(consoleLikeness(Buffer.from([0xff, 0x00, 0x80, 0x81]))).toBeLessThan(0.5);
    expect(consoleLikeness(new Uint8Array())).toBe(0);
  });
});
