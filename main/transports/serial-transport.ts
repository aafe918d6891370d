import { SerialPort } from 'serialport';
import { TransportError, TransportEvents, transportFrom, type Transport } from './transport.js';
import type { SerialPortInfo } from '../../shared/ipc/contract.js';
import { portsForPicker, serialPortName } from './serial-ports.js';

export interface SerialOptions {
  path: string;
  baudRate?: number;
  openTimeoutMs?: number;
}

/** RTX consoles are 8N1 without flow control; hardware flow control left on is a classic "dead console". */
export async function openSerial(opts: SerialOptions): Promise<Transport> {
  const baudRate = opts.baudRate ?? 9600;
  const name = serialPortName(opts.path, process.platform);
  if (!name.ok) throw new TransportError('serial-name', name.message);
  const port = new SerialPort({
    path: name.path,
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
      () => reject(new TransportError('serial-open-timeout', `opening ${name.path} timed out`)),
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
      reject(new TransportError(code, `cannot open ${name.path}: ${message}`));
    });
  });

  const events = new TransportEvents();
  port.on('data', (chunk: Buffer) => events.emitData(chunk));
  port.on('close', (err: Error | null) =>
    events.emitClose(err ? new TransportError('serial-disconnected', `${name.path} went away: ${err.message}`) : null),
  );
  port.on('error', (err: Error) => events.emitClose(new TransportError('serial-error', `${name.path}: ${err.message}`)));

  return transportFrom(events, {
    label: `${name.path} @ ${baudRate} bit/s`,
    // 8N1: ten bits on the wire per byte.
    bytesPerSecond: baudRate / 10,
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        if (events.closed) return reject(new TransportError('serial-disconnected', `${name.path} is closed`));
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
  const infos = ports.map((p) => ({
    path: p.path,
    ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
    ...(p.vendorId ? { vendorId: p.vendorId } : {}),
    ...(p.productId ? { productId: p.productId } : {}),
    ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
  }));
  return portsForPicker(infos, process.platform);
}
