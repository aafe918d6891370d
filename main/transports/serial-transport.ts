import { SerialPort } from 'serialport';
import { TransportError, TransportEvents, transportFrom, type Transport } from './transport.js';
import type { SerialPortInfo } from '../../shared/ipc/contract.js';
import { say } from '../../shared/i18n/message.js';

export interface SerialOptions {
  path: string;
  baudRate?: number;
  openTimeoutMs?: number;
}

/** RTX consoles are 8N1 without flow control; hardware flow control left on is a classic "dead console". */
export async function openSerial(opts: SerialOptions): Promise<Transport> {
  const baudRate = opts.baudRate ?? 9600;
  const port = new SerialPort({
    path: opts.path,
    baudRate,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    rtscts: false,
    xon: false,
    xoff: false,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new TransportError('serial-open-timeout', say('msg.serial.openTimeout', { path: opts.path }))),
      opts.openTimeoutMs ?? 5000,
    );
    port.open((err) => {
      clearTimeout(timer);
      if (!err) return resolve();
      const message = err.message;
      const code = /EACCES|Permission denied/i.test(message)
        ? 'serial-permission'
        : /ENOENT|No such file/i.test(message)
          ? 'serial-not-found'
          : /EBUSY|Resource busy|lock/i.test(message)
            ? 'serial-busy'
            : 'serial-open-failed';
      reject(new TransportError(code, say('msg.serial.cannotOpen', { path: opts.path, cause: message })));
    });
  });

  const events = new TransportEvents();
  port.on('data', (chunk: Buffer) => events.emitData(chunk));
  port.on('close', (err: Error | null) =>
    events.emitClose(err ? new TransportError('serial-disconnected', say('msg.serial.wentAway', { path: opts.path, cause: err.message })) : null),
  );
  port.on('error', (err: Error) => events.emitClose(new TransportError('serial-error', say('msg.serial.error', { path: opts.path, cause: err.message }))));

  return transportFrom(events, {
    label: `${opts.path} @ ${baudRate} bit/s`,
    // 8N1: ten bits on the wire per byte.
    bytesPerSecond: baudRate / 10,
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        if (events.closed) return reject(new TransportError('serial-disconnected', say('msg.serial.closed', { path: opts.path })));
        port.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data), (err) =>
          err ? reject(new TransportError('serial-write-failed', err.message)) : resolve(),
        );
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) {
          events.emitClose(null);
          return resolve();
        }
        port.close(() => {
          events.emitClose(null);
          resolve();
        });
      }),
  });
}

/** Serial ports with their USB vendor names; ptys made by socat are not listed and are typed in by path. */
export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  const ports = await SerialPort.list();
  return ports.map((p) => ({
    path: p.path,
    ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
    ...(p.vendorId ? { vendorId: p.vendorId } : {}),
    ...(p.productId ? { productId: p.productId } : {}),
    ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
  }));
}
