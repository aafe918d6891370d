import { describe, expect, it } from 'vitest';
import { parseNetstatDefaults, parseProcIpv6Route, parseProcRoute, parseWindowsRoutes4, parseWindowsRoutes6 } from '../../../main/discovery/gateways.js';
import { macFromEui64, parseBsdArp, parseIpNeigh, parseNdp, parseProcArp, parseWindowsArp } from '../../../main/discovery/neighbours.js';
import { normaliseMac, yamahaOrganisation, YAMAHA_OUIS } from '../../../main/discovery/yamaha-oui.js';
import { usbNames } from '../../../main/discovery/usb-serial-names.js';

describe('default gateways from the system tables', () => {
  it('Linux /proc/net/route: the default route with the gateway flag, address little-endian', () => {
    const text = [
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
      'eth0\t00000000\t0164A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0',
      'eth0\t0064A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0',
      'wg0\t00000000\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0',
    ].join('\n');
    expect(parseProcRoute(text)).toEqual([{ family: 4, address: '192.168.100.1', interface: 'eth0' }]);
  });

  it('Linux /proc/net/ipv6_route: ::/0 via the RA router, zoned; not the loopback reject route', () => {
    const text = [
      '00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000aa0defffe123456 00000400 00000002 00000000 00450003 eth0',
      '00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200 lo',
      'fe800000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001 eth0',
    ].join('\n');
    expect(parseProcIpv6Route(text)).toEqual([{ family: 6, address: 'fe80::aa0:deff:fe12:3456%eth0', interface: 'eth0' }]);
  });

  it('macOS netstat -rn and Windows route print', () => {
    const mac = ['Internet:', 'Destination        Gateway            Flags        Netif Expire', 'default            192.168.100.1      UGScg          en0', '127                127.0.0.1          UCS            lo0', 'Internet6:', 'default                                 fe80::1%en0                             UGcg            en0'].join('\n');
    expect(parseNetstatDefaults(mac)).toEqual([
      { family: 4, address: '192.168.100.1', interface: 'en0' },
      { family: 6, address: 'fe80::1%en0', interface: 'en0' },
    ]);
    const win4 = ['Network Destination        Netmask          Gateway       Interface  Metric', '          0.0.0.0          0.0.0.0    192.168.100.1  192.168.100.20     25', '        127.0.0.0        255.0.0.0         On-link         127.0.0.1    331'].join('\r\n');
    expect(parseWindowsRoutes4(win4)).toEqual([{ family: 4, address: '192.168.100.1', interface: '192.168.100.20' }]);
    const win6 = [' If Metric Network Destination      Gateway', ' 12    281 ::/0                     fe80::2a0:deff:fe12:3456', '  1    331 ::1/128                  On-link'].join('\r\n');
    expect(parseWindowsRoutes6(win6)).toEqual([{ family: 6, address: 'fe80::2a0:deff:fe12:3456%12', interface: '12' }]);
  });
});

describe('MACs from the neighbour tables, and from an EUI-64 link-local address', () => {
  it('reads each system\'s table; incomplete entries are no answer', () => {
    expect(
      parseProcArp(['IP address       HW type     Flags       HW address            Mask     Device', '192.168.100.1    0x1         0x2         00:a0:de:12:34:56     *        eth0', '192.168.100.9    0x1         0x0         00:00:00:00:00:00     *        eth0'].join('\n')),
    ).toEqual([{ address: '192.168.100.1', mac: '00:a0:de:12:34:56' }]);
    expect(parseIpNeigh('fe80::2a0:deff:fe12:3456 dev eth0 lladdr 00:a0:de:12:34:56 router REACHABLE\nfe80::9 dev eth0 FAILED\n')).toEqual([
      { address: 'fe80::2a0:deff:fe12:3456%eth0', mac: '00:a0:de:12:34:56' },
    ]);
    expect(parseBsdArp('? (192.168.100.1) at 0:a0:de:12:34:56 on en0 ifscope [ethernet]\n? (192.168.100.9) at (incomplete) on en0')).toEqual([{ address: '192.168.100.1', mac: '00:a0:de:12:34:56' }]);
    expect(parseNdp('Neighbor                        Linklayer Address  Netif Expire    St Flgs Prbs\nfe80::1%en0                     ac:44:f2:b6:86:7    en0 23h59m58s S  R')).toEqual([{ address: 'fe80::1%en0', mac: 'ac:44:f2:b6:86:07' }]);
    expect(parseWindowsArp('Interface: 192.168.100.20 --- 0xc\r\n  Internet Address      Physical Address      Type\r\n  192.168.100.1         00-a0-de-12-34-56     dynamic\r\n  192.168.100.255       ff-ff-ff-ff-ff-ff     static')).toEqual([
      { address: '192.168.100.1', mac: '00:a0:de:12:34:56' },
    ]);
  });

  it('takes the MAC out of a modified EUI-64 link-local address (RFC 4291 Appendix A), and only from one', () => {
    expect(macFromEui64('fe80::fa0f:6fff:fe4b:714b')).toBe('f8:0f:6f:4b:71:4b');
    expect(macFromEui64('fe80::2a0:deff:fe12:3456%lan0')).toBe('00:a0:de:12:34:56');
    expect(macFromEui64('fe80::1')).toBeNull();
    expect(macFromEui64('fe80::1234:5678:9abc:def0')).toBeNull();
  });
});

describe('Yamaha by its IEEE blocks; USB names by usb.ids', () => {
  it('knows Yamaha Corporation\'s three MA-L blocks and nothing else, in any MAC spelling', () => {
    expect(YAMAHA_OUIS.map((o) => o.oui)).toEqual(['00:A0:DE', 'AC:44:F2', 'F4:D5:80']);
    expect(yamahaOrganisation('00-A0-DE-9A-70-E4')).toBe('Yamaha Corporation');
    expect(yamahaOrganisation('ac:44:f2:b6:86:00')).toBe('Yamaha Corporation');
    expect(yamahaOrganisation('f4d5.8000.0001')).toBe('Yamaha Corporation');
    // Yamaha Motor is another company; a random MAC is nobody.
    expect(yamahaOrganisation('00:04:c6:00:00:01')).toBeNull();
    expect(yamahaOrganisation('02:fc:00:00:00:05')).toBeNull();
    expect(normaliseMac('0:a0:de:1:2:3')).toBe('00:a0:de:01:02:03');
    expect(normaliseMac('not a mac')).toBeNull();
  });

  it('names the usual console cables', () => {
    expect(usbNames('0403', '6001')).toEqual({ vendor: 'Future Technology Devices International, Ltd', product: 'FT232 Serial (UART) IC' });
    expect(usbNames('067B', '2303')).toEqual({ vendor: 'Prolific Technology, Inc.', product: 'PL2303 Serial Port / Mobile Phone Data Cable' });
    expect(usbNames('10c4', 'ffff')).toEqual({ vendor: 'Silicon Labs' });
    expect(usbNames('dead', 'beef')).toEqual({});
    expect(usbNames(undefined, undefined)).toEqual({});
  });
});
