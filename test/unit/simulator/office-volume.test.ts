import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, scenariosDir } from '../../../main/simulator/host/scenario-files.js';
import { parseScenarioFile } from '../../../main/simulator/twin/scenario.js';
import { ASSUMED_LOG_LINES } from '../../../main/simulator/twin/office-log.js';
import { parseRtxConfig } from '../../../shared/rtx/config/parse.js';
import { openTwin } from './twin-helpers.js';

const ID = 'busy-office-rtx1300';

async function read(id: string | ReturnType<typeof loadScenario>, commands: string[]): Promise<string[]> {
  const { session } = await openTwin(id, { admin: true });
  try {
    const out: string[] = [];
    for (const c of commands) {
      const r = await session.run(c);
      expect(r.error, c).toBeNull();
      out.push(r.output);
    }
    return out;
  } finally {
    await session.close();
  }
}

/** The config body of `show config` (after the header and its blank line). */
function body(showConfig: string): string[] {
  const lines = showConfig.split('\n');
  return lines.slice(lines.indexOf('') + 1);
}

describe('a router after weeks in an office (busy-office-rtx1300)', () => {
  it('has a config of 200–400 lines: filters, static NAT, VPN, DHCP reservations, schedules, Lua, around field report 000’s two faults', async () => {
    const [config] = await read(ID, ['show config']);
    const lines = body(config!);
    expect(lines.length).toBeGreaterThanOrEqual(200);
    expect(lines.length).toBeLessThanOrEqual(400);
    const count = (re: RegExp) => lines.filter((l) => re.test(l)).length;
    expect(count(/^ip filter \d+ (pass|reject)/)).toBeGreaterThanOrEqual(20);
    expect(count(/^nat descriptor masquerade static 1 \d+ /)).toBeGreaterThanOrEqual(6);
    expect(count(/^ tunnel encapsulation l2tp$/)).toBeGreaterThanOrEqual(1);
    expect(count(/^ {2}ipsec ike remote address \d+ \d+\.\d+\.\d+\.\d+$/)).toBeGreaterThanOrEqual(1);
    expect(count(/^ pp auth username /)).toBe(loadScenario(ID).volume!.remoteUsers);
    expect(count(/^dhcp scope bind 1 192\.168\.182\.\d+ /)).toBe(loadScenario(ID).volume!.reservations);
    expect(count(/^schedule at \d+ /)).toBeGreaterThanOrEqual(2);
    expect(lines).toContain('embedded file v6plus_address_notification.lua <<EOF');
    // The faults of field report 000, inside all that.
    expect(lines).toContain(' tunnel endpoint address 2404:9200:255:100::65');
    expect(lines).toContain('ip filter 200030 pass * 192.168.100.0/24 icmp * *');
    // The parser models it without complaint (pp select anonymous, ipsec blocks, reject-log filters …).
    expect(parseRtxConfig(config!).notes).toEqual([]);
  });

  it('keeps weeks of log: the newest entries up to the buffer, oldest first, every kind of event', async () => {
    const [log] = await read(ID, ['show log']);
    const lines = log!.split('\n');
    expect(lines).toHaveLength(ASSUMED_LOG_LINES.RTX1300!);
    const times = lines.map((l) => /^(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d): /.exec(l)?.[1]);
    expect(times.every((t) => t !== undefined)).toBe(true);
    expect([...times].sort()).toEqual(times);
    const day = (t: string) => Date.parse(t.replace(/\//g, '-').replace(' ', 'T'));
    expect((day(times.at(-1)!) - day(times[0]!)) / 86_400_000).toBeGreaterThan(14);
    // The buffer is full: the boot lines have fallen out.
    expect(log).not.toMatch(/ starts$/m);
    for (const family of [/\[DHCPD\] LAN1\(port\d+\) Allocates 192\.168\.182\.\d+: [0-9a-f:]{17}$/m, /\[NAT\(1\)\] /m, /\[IKE\] respond ISAKMP phase to /m, /\[L2TP\] TUNNEL\[\d+\] session \d+ established$/m, /Login succeeded for (HTTP|SSH): /m, /PP\[ANONYMOUS\d\d\] PPP\/IPCP up {2}\(Local: /m, /\[ND\] LAN1: /m, /IP Tunnel\[\d+\] (Up|Down)$/m, /\[v6plus\] OK to update IPv6 address\. \(code=200, body=OK$/m]) {
      expect(log).toMatch(family);
    }
    // The edit that broke the office's IPv4 is the last thing an administrator did.
    expect(lines.filter((l) => /'administrator' succeeded for SSH/.test(l)).at(-1)).toBeDefined();
    expect(lines.findLastIndex((l) => l.endsWith('IP Tunnel[1] Up'))).toBeGreaterThan(lines.length - 40);
  });

  it('is the same on every run, and another seed is another office', async () => {
    const [a] = await read(ID, ['show log']);
    const [b] = await read(ID, ['show log']);
    expect(a).toBe(b);
    const dir = join(scenariosDir(), ID);
    const json = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) as { volume: { seed: number } };
    json.volume.seed += 1;
    const other = parseScenarioFile(json, readFileSync(join(dir, 'config.txt'), 'utf8'));
    const [c, config] = await read(other, ['show log', 'show config']);
    expect(c).not.toBe(a);
    expect(config).toContain(' tunnel endpoint address 2404:9200:255:100::65');
  });

  it('lists hundreds of NAT sessions; `show nat descriptor address N` shows only that descriptor', async () => {
    const [all, one, none] = await read(ID, ['show nat descriptor address', 'show nat descriptor address 1', 'show nat descriptor address 7']);
    const rows = all!.split('\n').filter((l) => /^\s+\d+\s+192\.168\.182\.\d+\s+\d+\s+\d+\s+dynamic$/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(100);
    expect(Number(/(\d+) session\./.exec(all!)?.[1])).toBeGreaterThanOrEqual(300);
    expect(one).toBe(all);
    expect(none).toBe('');
  });
});

describe('the twin console reads only what is asked', () => {
  it('show log reverse prints newest first; | grep keeps the matching lines (quoted, -i, -v)', async () => {
    const [log, reverse, grep, quoted, insensitive, inverted] = await read(ID, [
      'show log',
      'show log reverse',
      'show log | grep v6plus',
      'show log reverse | grep "OK to update"',
      'show log | grep -i V6PLUS',
      'show log | grep -v DHCPD',
    ]);
    const lines = log!.split('\n');
    expect(reverse!.split('\n')).toEqual([...lines].reverse());
    expect(grep!.split('\n')).toEqual(lines.filter((l) => l.includes('v6plus')));
    expect(quoted!.split('\n')).toEqual(lines.filter((l) => l.includes('OK to update')).reverse());
    expect(insensitive).toBe(grep);
    expect(inverted!.split('\n')).toEqual(lines.filter((l) => !l.includes('DHCPD')));
  });

  it('refuses a pipe after anything but a show command, and every pipe on firmware without grep', async () => {
    const { session } = await openTwin('fixed-ip-br-typo', { admin: true });
    expect((await session.run('ping -c 1 192.168.182.1 | grep icmp')).error).toMatch(/^エラー：/);
    expect((await session.run('show log | sort')).error).toMatch(/^エラー：/);
    await session.close();
    const s = loadScenario('fixed-ip-br-typo');
    const old = await openTwin({ ...s, console: { ...s.console, grep: false } }, { admin: true });
    expect((await old.session.run('show log | grep v6plus')).error).toMatch(/^エラー：/);
    expect((await old.session.run('show log reverse')).error).toBeNull();
    await old.session.close();
  });
});
