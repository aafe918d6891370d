import { describe, expect, it } from 'vitest';
import { openTwin } from './twin-helpers.js';

// Field report 000's TECH LOG block, verbatim (the BR was shown there; the twin prints the typo'd one).
const REPORT_000_IPIP = `------------------- IPIP INFORMATION -------------------
Number of IPIP tunnels: 1
TUNNEL[1]: 
  Current status is Online.
  from 2022/12/13 01:45:32.
  1 minute 36 seconds  connection.
  Received:    (IPv4) 0 packet [0 octet]
               (IPv6) 0 packet [0 octet]
  Transmitted: (IPv4) 1198 packets [74296 octets]
               (IPv6) 0 packet [0 octet]
  Remote endpoint address: 2404:9200:255:100::65`;

describe('twin show commands follow the real formats', () => {
  it('reproduces field report 000\'s show status ipip at the moment it was taken', async () => {
    const { session } = await openTwin('fixed-ip-br-typo');
    const r = await session.run('show status ipip');
    expect(r.error).toBeNull();
    expect(r.output).toBe(REPORT_000_IPIP);
    await session.close();
  });

  it('prints show status tunnel in Japanese on a ja console and in English on an ascii one', async () => {
    const ja = await openTwin('fixed-ip-br-typo');
    const j = await ja.session.run('show status tunnel 1');
    expect(j.output.split('\n')).toEqual([
      'TUNNEL[1]:',
      '説明:',
      '  インタフェースの種類: IPIP',
      '  トンネルインタフェースは接続されています',
      '  開始: 2022/12/13 01:45:32',
      '  通信時間: 1分36秒',
      '  受信: (IPv4) 0 パケット [0 オクテット]',
      '        (IPv6) 0 パケット [0 オクテット]',
      '  送信: (IPv4) 1198 パケット [74296 オクテット]',
      '        (IPv6) 0 パケット [0 オクテット]',
    ]);
    await ja.session.close();
    const en = await openTwin('v6plus-rtx830');
    const e = await en.session.run('show status tunnel 1');
    expect(e.output).toContain('  Interface type: MAP-E');
    expect(e.output).toContain('  Current status is Online.');
    expect(e.output).toContain('  Remote endpoint address: 2404:9200:225:100::64');
    expect(e.output).toContain('  Local endpoint address: 240b:13:1a65:a100:e:91a:6500:a100');
    expect(e.output).toMatch(/ {2}Received: {4}\(IPv4\) \d+ packets \[\d+ octets\]/);
    await en.session.close();
  });

  it('lays out show ipv6 route in 25/25/11 columns and wraps a 25-character gateway', async () => {
    const { session } = await openTwin('fixed-ip-br-typo');
    const r = await session.run('show ipv6 route');
    expect(r.output.split('\n')).toEqual([
      'Destination              Gateway                  Interface  Type',
      'default                  fe80::fa0f:6fff:fe4b:714b',
      '                                                  LAN2       temporary',
      '240b:11:b901:1800::/64   -                        LAN1       implicit',
    ]);
    await session.close();
  });

  it('lays out show ip route like the capture', async () => {
    const { session } = await openTwin('fixed-ip-br-typo');
    const r = await session.run('show ip route');
    expect(r.output.split('\n')).toEqual([
      'Destination         Gateway          Interface       Kind  Additional Info.',
      'default             -                 TUNNEL[1]    static',
      '192.168.182.0/24    192.168.182.1          LAN1  implicit',
    ]);
    await session.close();
  });

  it('prints show nat descriptor address with the default port ranges (ja reference line on a ja console)', async () => {
    const { session } = await openTwin('fixed-ip-br-typo');
    const r = await session.run('show nat descriptor address');
    const lines = r.output.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'NAT/IP masquerade compatibility type : 2',
      '参照NATディスクリプタ : 1, 適用インタフェース : TUNNEL[1](1)',
      'Masquerade Table',
      '    Outer address: 27.89.54.24',
      '    Port range: 60000-64095, 49152-59999, 44096-49151   169 session.',
      '  -*-    -*-    -*-    -*-    -*-    -*-    -*-    -*-    -*-    -*-    -*-',
      '      No.              Inner   Session Count           Limit         Type',
    ]);
    expect(lines[7]).toBe('       1     192.168.182.100              71          250000         dynamic');
    await session.close();
  });

  it('prints MAP-E port blocks and the English reference line on an ascii console', async () => {
    const { session } = await openTwin('v6plus-rtx830');
    await session.run('console columns 200');
    const r = await session.run('show nat descriptor address');
    expect(r.output).toContain('Reference Descriptor : 1000, Assigned Interface : TUNNEL[1](1)');
    expect(r.output).toContain('    Outer address: 14.9.26.101');
    // PSID 161 under the v6plus rule: 15 blocks of 16 ports, on one line (wrapped by the console at 200 columns).
    expect(r.output.replace(/\n(?=\d)/g, '')).toMatch(/ {4}Port range: 6672-6687, 10768-10783, .*, 64016-64031 {3}49 session\./);
    await session.close();
  });

  it('shows a PD lease with its prefix, and no prefix line when the line gives RA only', async () => {
    const pd = await openTwin('fixed-ip-br-typo');
    const r = await pd.session.run('show status ipv6 dhcp');
    expect(r.output.split('\n').slice(0, 11)).toEqual([
      'DHCPv6 status',
      '',
      '  LAN1 [server]',
      '    state: reply',
      '',
      '  LAN2 [client]',
      '    state: established',
      '    server:',
      '      address: ::',
      '      preference: 0',
      '      prefix: 240b:11:b901:1800::/56',
    ]);
    await pd.session.close();
    const ra = await openTwin('ra-line-dhcp-prefix');
    const r2 = await ra.session.run('show status ipv6 dhcp');
    expect(r2.output).toContain('  LAN2 [client]');
    expect(r2.output).not.toContain('prefix:');
    await ra.session.close();
  });

  it('prints the boot log of field report 000, newest last, with the Lua notification', async () => {
    const { session } = await openTwin('fixed-ip-br-typo');
    await session.run('console columns 200');
    const r = await session.run('show log');
    const lines = r.output.split('\n');
    expect(lines[0]).toBe('2022/12/13 01:42:39: Restart by restart command');
    expect(lines).toContain('2022/12/13 01:42:39: IP Tunnel[1] Up');
    expect(lines).toContain('2022/12/13 01:42:39: Add IPv6 prefix ff02::/64 (Lifetime: infinity) via LAN1 by Static');
    expect(lines).toContain('2022/12/13 01:42:49: Add IPv6 prefix 240b:11:b901:1800::/64 (Lifetime: 1687) via LAN1 by DHCPv6');
    expect(lines.slice(-2)).toEqual([
      '2022/12/13 01:42:55: [v6plus] Notified IPv6 address to the update server.',
      '2022/12/13 01:42:55: [v6plus] OK to update IPv6 address. (code=200, body=OK',
    ]);
    await session.close();
  });

  it('logs NG when the update credentials are wrong', async () => {
    const { session } = await openTwin('fixed-ip-not-registered');
    await session.run('console columns 200');
    const r = await session.run('show log');
    expect(r.output).toMatch(/\[v6plus\] NG to update IPv6 address\. \(code=\d+, body=/);
    expect(r.output).not.toContain('OK to update');
    await session.close();
  });

  it('omits the prefix line from the log without `ipv6 lan1 prefix change log on`', async () => {
    const { session } = await openTwin('v6plus-rtx830');
    const r = await session.run('show log');
    expect(r.output).not.toContain('Add IPv6 prefix');
    await session.close();
  });

  it('shows the fixed-IP CE on LAN1 and the MAP-E CE under the tunnel in show ipv6 address', async () => {
    const fixed = await openTwin('fixed-ip-br-typo');
    expect((await fixed.session.run('show ipv6 address')).output).toContain('  Global:     240b:11:b901:1800:1b:5936:1800:0/64');
    await fixed.session.close();
    const mape = await openTwin('v6plus-rtx830');
    const r = await mape.session.run('show ipv6 address');
    expect(r.output).toContain('  MAP-E CE:   240b:13:1a65:a100:e:91a:6500:a100');
    await mape.session.close();
  });

  it('keeps show environment consistent with the router clock', async () => {
    const { session } = await openTwin('fixed-ip-br-typo');
    const r = await session.run('show environment');
    expect(r.output).toContain('Boot time: 2022/12/13 01:42:39 +09:00');
    expect(r.output).toContain('Current time: 2022/12/13 01:47:08 +09:00');
    expect(r.output).toContain('Elapsed time from boot: 0days 00:04:29');
    await session.close();
  });

  it('answers ping in the (unconfirmed) BSD form with a summary line', async () => {
    const { session } = await openTwin('v6plus-rtx830');
    const r = await session.run('ping -c 2 8.8.8.8');
    expect(r.output.split('\n')).toEqual([
      'received from 8.8.8.8: icmp_seq=0 ttl=57 time=5.100ms',
      'received from 8.8.8.8: icmp_seq=1 ttl=57 time=5.237ms',
      '',
      '2 packets transmitted, 2 packets received, 0.0% packet loss',
      'round-trip min/avg/max = 5.100/5.168/5.237 ms',
    ]);
    const r6 = await session.run('ping6 2404:9200:225:100::64');
    expect(r6.output).toContain('3 packets transmitted, 3 packets received, 0.0% packet loss');
    expect((await session.run('ping www.example.com')).error).toBe('Error: Unrecognized IP address parameter');
    await session.close();
  });
});
