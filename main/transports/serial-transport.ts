import { read as fsRead } from 'node:fs';
import { SerialPort } from 'serialport';
import { TransportError, TransportEvents, transportFrom, type Transport } from './transport.js';
import type { SerialPortInfo } from '../../shared/ipc/contract.js';
import { say } from '../../shared/i18n/message.js';
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
      () => reject(new TransportError('serial-open-timeout', say('msg.serial.openTimeout', { path: name.path }))),
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
      reject(new TransportError(code, say('msg.serial.cannotOpen', { path: name.path, cause: message })));
    });
  });

  readEndOfFileAsDisconnect(port.port);
  const events = new TransportEvents();
  port.on('data', (chunk: Buffer) => events.emitData(chunk));
  port.on('close', (err: Error | null) =>
    events.emitClose(err ? new TransportError('serial-disconnected', say('msg.serial.wentAway', { path: name.path, cause: err.message })) : null),
  );
  port.on('error', (err: Error) => events.emitClose(new TransportError('serial-error', say('msg.serial.error', { path: name.path, cause: err.message }))));

  return transportFrom(events, {
    label: `${name.path} @ ${baudRate} bit/s`,
    // 8N1: ten bits on the wire per byte.
    bytesPerSecond: baudRate / 10,
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        const gone = () => reject(new TransportError('serial-disconnected', say('msg.serial.closed', { path: name.path })));
        // A port that is closing (the cable just went) queues a write until it opens again, which never comes.
        if (events.closed || !port.isOpen) return gone();
        const off = events.onClose(gone);
        port.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data), (err) => {
          off();
          if (err) reject(new TransportError('serial-write-failed', err.message));
          else resolve();
        });
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

/** The parts of serialport's Linux/macOS port binding that a read needs (Windows has no fd: left as it is). */
interface UnixPortBinding {
  isOpen: boolean;
  fd: number | null;
  poller: { once(event: 'readable', listener: (err?: Error | null) => void): unknown };
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }>;
}

function isUnixPortBinding(x: unknown): x is UnixPortBinding {
  const b = x as Partial<UnixPortBinding> | undefined;
  return typeof b?.fd === 'number' && typeof b.poller?.once === 'function' && typeof b.read === 'function';
}

/**
 * A pulled USB-serial cable (or a pty whose far end died) hangs the tty up: read() then returns 0, end of file,
 * at once and forever. serialport's bindings-cpp 13 retries a zero-byte read without waiting
 * (serialport/bindings-cpp#162), so the app spun a core and only a command timeout ended the wait. With the
 * port opened non-blocking and VMIN=1, an empty line is EAGAIN and 0 means the device is gone: say so.
 */
function readEndOfFileAsDisconnect(binding: unknown): void {
  if (!isUnixPortBinding(binding)) return;
  const readOnce = (fd: number, buffer: Buffer, offset: number, length: number) =>
    new Promise<number>((resolve, reject) => fsRead(fd, buffer, offset, length, null, (err, n) => (err ? reject(err) : resolve(n))));
  binding.read = async (buffer, offset, length) => {
    for (;;) {
      if (!binding.isOpen || binding.fd === null) throw Object.assign(new Error('Port is not open'), { canceled: true });
      try {
        const bytesRead = await readOnce(binding.fd, buffer, offset, length);
        if (bytesRead === 0) throw Object.assign(new Error('the line hung up (end of file)'), { code: 'EOF', disconnect: true });
        return { bytesRead, buffer };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw err;
        await new Promise<void>((resolve, reject) => binding.poller.once('readable', (e) => (e ? reject(e) : resolve())));
      }
    }
  };
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
