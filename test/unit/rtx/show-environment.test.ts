import { describe, expect, it } from 'vitest';
import { parseShowEnvironment } from '../../../shared/rtx/show-environment.js';
import { unwrapConsoleLines } from '../../../shared/rtx/console-lines.js';

// A real RTX1200 capture (rtx-output-formats.md), including the 80-column wrap of the main: line.
const rtx1200 = `RTX1200 BootROM Ver.1.01
RTX1200 Rev.10.01.71 (Thu Sep 29 15:08:40 2016)
  main:  RTX1200 ver=c0 serial=D12345678 MAC-Address=00:a0:de:00:00:01 MAC-Addr
ess=00:a0:de:00:00:02 MAC-Address=00:a0:de:00:00:03
CPU:   1%(5sec)   2%(1min)   3%(5min)    Memory: 24% used
Packet-buffer:   0%(small)   0%(middle)   5%(large)   0%(huge) used
Firmware: exec1  Config. file: config1
Default firmware: exec0  Default config. file: config0
Boot time: 2021/01/24 12:32:36 +09:00
Current time: 2021/01/30 09:44:53 +09:00
Elapsed time from boot: 5days 21:12:17
Security Class: 1, FORGET: ON, TELNET: OFF
Inside Temperature(C.): 36`;

describe('show environment', () => {
  it('reads model, firmware, serial and uptime from a real capture', () => {
    const f = parseShowEnvironment(rtx1200);
    expect(f).toMatchObject({
      model: 'RTX1200',
      firmware: '10.01.71',
      firmwareDate: 'Thu Sep 29 15:08:40 2016',
      serial: 'D12345678',
      uptime: '5days 21:12:17',
    });
    expect(f.lines.model).toEqual({ line: 2, text: 'RTX1200 Rev.10.01.71 (Thu Sep 29 15:08:40 2016)' });
    expect(f.lines.uptime?.line).toBe(11);
  });

  it('handles the two spaces before a one-digit day and CRLF line ends', () => {
    const f = parseShowEnvironment('RTX830 BootROM Ver.1.01\r\nRTX830 Rev.15.02.31 (Fri Jul  5 10:40:25 2024)\r\n');
    expect(f.model).toBe('RTX830');
    expect(f.firmware).toBe('15.02.31');
    expect(f.firmwareDate).toBe('Fri Jul 5 10:40:25 2024');
  });

  it('reads the same facts from a show config header', () => {
    const f = parseShowEnvironment('# RTX1300 Rev.23.00.04 (Wed Aug 10 11:40:27 2022)\n# MAC Address : ac:44:f2:b6:86:00 - ac:44:f2:b6:86:07\n');
    expect(f).toMatchObject({ model: 'RTX1300', firmware: '23.00.04' });
  });

  it('finds nothing in output that is not from a Yamaha router', () => {
    expect(parseShowEnvironment('Linux gw 6.1.0 #1 SMP x86_64 GNU/Linux\n$ ')).toMatchObject({ model: null, firmware: null });
  });

  it('rejoins lines wrapped at the console width and keeps the first line number', () => {
    const lines = unwrapConsoleLines(`${'a'.repeat(80)}\nbc\nd`);
    expect(lines).toEqual([
      { line: 1, text: `${'a'.repeat(80)}bc` },
      { line: 3, text: 'd' },
    ]);
  });
});
