import { describe, expect, it } from 'vitest';
import { portsForPicker, serialPortName } from '../../../main/transports/serial-ports.js';
import { runCli } from '../../../main/cli/index.js';

describe('serial port names on each system', () => {
  it('Windows: COM ports in any case, with or without \\\\.\\, opened as COMn', () => {
    expect(serialPortName('com3', 'win32')).toEqual({ ok: true, path: 'COM3' });
    expect(serialPortName(' COM12 ', 'win32')).toEqual({ ok: true, path: 'COM12' });
    expect(serialPortName('\\\\.\\COM10', 'win32')).toEqual({ ok: true, path: 'COM10' });
  });

  it('Windows: a Linux or macOS device path says what Windows calls its ports', () => {
    const r = serialPortName('/dev/ttyUSB0', 'win32');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/not a Windows serial port name.*COM3 \(Device Manager/);
  });

  it('macOS and Linux: device paths (and pty links) are taken as they are; COMn is a Windows name', () => {
    expect(serialPortName('/dev/cu.usbserial-1410', 'darwin')).toEqual({ ok: true, path: '/dev/cu.usbserial-1410' });
    expect(serialPortName('/dev/tty.usbserial-1410', 'darwin')).toEqual({ ok: true, path: '/dev/tty.usbserial-1410' });
    expect(serialPortName('/tmp/rtx', 'linux')).toEqual({ ok: true, path: '/tmp/rtx' });
    const mac = serialPortName('COM3', 'darwin');
    expect(!mac.ok && mac.message).toMatch(/Windows port name.*\/dev\/cu\.usbserial-XXXX/);
    const linux = serialPortName('com4', 'linux');
    expect(!linux.ok && linux.message).toMatch(/Windows port name.*\/dev\/ttyUSB0/);
    expect(serialPortName('  ', 'linux').ok).toBe(false);
  });
});

describe('the serial port picker', () => {
  it('Windows: USB adapters first, COM3 before COM10', () => {
    const ports = [
      { path: 'COM10', manufacturer: 'FTDI', vendorId: '0403' },
      { path: 'COM1', manufacturer: '(Standard port types)' },
      { path: 'COM3', manufacturer: 'Prolific', vendorId: '067B' },
    ];
    expect(portsForPicker(ports, 'win32').map((p) => p.path)).toEqual(['COM3', 'COM10', 'COM1']);
  });

  it('macOS: offers the cu.* name of each tty.* device once, keeping its vendor', () => {
    const ports = [
      { path: '/dev/tty.Bluetooth-Incoming-Port' },
      { path: '/dev/tty.usbserial-A10K', manufacturer: 'FTDI', vendorId: '0403' },
      { path: '/dev/cu.usbserial-A10K', manufacturer: 'FTDI', vendorId: '0403' },
    ];
    expect(portsForPicker(ports, 'darwin')).toEqual([
      { path: '/dev/cu.usbserial-A10K', manufacturer: 'FTDI', vendorId: '0403' },
      { path: '/dev/cu.Bluetooth-Incoming-Port' },
    ]);
  });

  it('Linux: paths are left as they are, in natural order', () => {
    const ports = [{ path: '/dev/ttyUSB10', vendorId: '0403' }, { path: '/dev/ttyS0' }, { path: '/dev/ttyUSB2', vendorId: '0403' }];
    expect(portsForPicker(ports, 'linux').map((p) => p.path)).toEqual(['/dev/ttyUSB2', '/dev/ttyUSB10', '/dev/ttyS0']);
  });
});

describe('ipoe-doctor --serial', () => {
  it.runIf(process.platform !== 'win32')('a Windows port name on this system is a usage error (exit 2) that names the right form', async () => {
    let err = '';
    const code = await runCli(['probe', '--serial', 'COM3'], { out: () => true, err: (t) => ((err += t), true), env: {} });
    expect(code).toBe(2);
    expect(err).toMatch(/--serial: "COM3" is a Windows port name; on this system the port is a device such as \/dev\//);
  });
});
