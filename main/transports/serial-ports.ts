import type { SerialPortInfo } from '../../shared/ipc/contract.js';

/** What a serial port is called on each system, for hints and errors. */
export const SERIAL_NAME_EXAMPLES: Partial<Record<NodeJS.Platform, string>> = {
  win32: 'COM3 (Device Manager → Ports (COM & LPT))',
  darwin: '/dev/cu.usbserial-XXXX (ls /dev/cu.*)',
  linux: '/dev/ttyUSB0 (ls /dev/ttyUSB* /dev/ttyACM*)',
};

const WINDOWS_PORT = /^(?:\\\\\.\\)?(COM\d+)$/i;

/**
 * The port name to open, or why the name cannot be a serial port on this system. Windows ports are COMn
 * (typed in any case, with or without the \\.\ prefix); elsewhere a port is a device path (/dev/ttyUSB0,
 * /dev/cu.usbserial-…, or a pty link a test or socat made), and a COMn name is a Windows name typed on the
 * wrong system.
 */
export function serialPortName(input: string, platform: NodeJS.Platform): { ok: true; path: string } | { ok: false; message: string } {
  const name = input.trim();
  const example = SERIAL_NAME_EXAMPLES[platform] ?? SERIAL_NAME_EXAMPLES.linux!;
  if (!name) return { ok: false, message: `name the serial port, e.g. ${example}` };
  if (platform === 'win32') {
    const m = WINDOWS_PORT.exec(name);
    return m ? { ok: true, path: m[1]!.toUpperCase() } : { ok: false, message: `"${name}" is not a Windows serial port name; Windows calls them like ${example}` };
  }
  if (WINDOWS_PORT.test(name)) return { ok: false, message: `"${name}" is a Windows port name; on this system the port is a device such as ${example}` };
  return { ok: true, path: name };
}

/** The number runs in a name compared as numbers, so COM3 comes before COM10 and ttyUSB2 before ttyUSB10. */
const byNaturalPath = (a: SerialPortInfo, b: SerialPortInfo): number => a.path.localeCompare(b.path, 'en', { numeric: true });

/**
 * The ports as the picker offers them: USB adapters (the usual console cable) first, then the rest, each in
 * natural order. macOS lists each device twice over, as /dev/tty.* (waits for carrier detect, which a console
 * cable does not raise) and /dev/cu.* (opens at once); only the cu.* name is offered.
 */
export function portsForPicker(ports: readonly SerialPortInfo[], platform: NodeJS.Platform): SerialPortInfo[] {
  const named =
    platform === 'darwin' ? ports.map((p) => (p.path.startsWith('/dev/tty.') ? { ...p, path: `/dev/cu.${p.path.slice('/dev/tty.'.length)}` } : p)) : [...ports];
  const unique = [...new Map(named.map((p) => [p.path, p])).values()];
  const usb = unique.filter((p) => p.vendorId).sort(byNaturalPath);
  const other = unique.filter((p) => !p.vendorId).sort(byNaturalPath);
  return [...usb, ...other];
}
