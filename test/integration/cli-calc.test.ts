import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'ipoe-doctor.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI from source (tsx), never a stale dist/ bundle. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1', NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('ipoe-doctor calc (real process)', () => {
  it('--json gives exactly the documented shape and values', async () => {
    const r = await cli('calc', '240b:13:1a65:a100::/56', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'provider',
      'rule',
      'ipv4',
      'psid',
      'psidLength',
      'psidOffset',
      'ports',
      'portRanges',
      'ceAddress',
      'br',
    ]);
    expect(json).toMatchObject({
      provider: 'v6plus (JPNE)',
      rule: { ipv6Prefix: '240b:12::/31', ipv4Prefix: '14.8.0.0/15', eaLength: 25, psidLength: 8, psidOffset: 4 },
      ipv4: '14.9.26.101',
      psid: 161,
      psidLength: 8,
      psidOffset: 4,
      ports: 240,
      ceAddress: '240b:13:1a65:a100:e:91a:6500:a100',
      br: '2404:9200:225:100::64',
    });
    const ranges = json.portRanges as [number, number][];
    expect(ranges).toHaveLength(15);
    expect(ranges[0]).toEqual([6672, 6687]);
  });

  it('prints a readable table with every port range', async () => {
    const r = await cli('calc', '2400:4050:1234:5600::1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Provider\s+OCN Virtual Connect/);
    expect(r.stdout).toMatch(/BR\s+2001:380:a120::9/);
    expect(r.stdout).toMatch(/Ports\s+1008 in 63 blocks of 16/);
    expect(r.stdout).toMatch(/63\s+64864-64879/);
    expect(r.stdout.match(/\d+-\d+/g)).toHaveLength(63);
  });

  it('warns (stderr) but succeeds for a /64 that is not subnet 0', async () => {
    const r = await cli('calc', '240b:13:1a65:a1ff::/64', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ceAddress).toBe('240b:13:1a65:a100:e:91a:6500:a100');
    expect(r.stderr).toMatch(/warning: .*not subnet 0/);
  });

  it('--format linux: 15 snat block rules and encaplimit none', async () => {
    const r = await cli('calc', '240b:13:1a65:a100::/56', '--format', 'linux');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/snat ip to /g)).toHaveLength(15);
    expect(r.stdout).toContain('encaplimit none');
    expect(r.stdout).toContain('mode ip4ip6');
  });

  it('--format rtx / vyos / openwrt', async () => {
    const [rtx, vyos, openwrt] = await Promise.all([
      cli('calc', '2400:4050:1234:5600::/56', '--format=rtx'),
      cli('calc', '240b:13:1a65:a100::/56', '--format', 'vyos'),
      cli('calc', '2404:7a82:4d02:4100::/56', '--format', 'openwrt'),
    ]);
    expect(rtx.stdout).toContain('tunnel map-e type ocn');
    expect(vyos.stdout.match(/translation port '/g)).toHaveLength(15);
    expect(openwrt.stdout).toContain("option legacymap '1'");
    expect(openwrt.stdout).toContain("option peeraddr '2001:260:700:1::1:275'");
    for (const r of [rtx, vyos, openwrt]) expect(r.code).toBe(0);
  });

  it('bad input: exit 2 and a message saying what to type', async () => {
    const [unknown, garbage, v4, short, noArg, badFormat] = await Promise.all([
      cli('calc', '2001:db8::/56'),
      cli('calc', 'garbage', '--json'),
      cli('calc', '14.9.26.101'),
      cli('calc', '240b:12::/48'),
      cli('calc'),
      cli('calc', '240b:13:1a65:a100::/56', '--format', 'cisco'),
    ]);
    for (const r of [unknown, garbage, v4, short, noArg, badFormat]) expect(r.code).toBe(2);
    expect(unknown.stderr).toMatch(/not a known MAP-E provider/);
    expect(garbage.stderr).toMatch(/not an IPv6 address or prefix/);
    expect(JSON.parse(garbage.stdout)).toMatchObject({ error: { code: 'malformed' } });
    expect(v4.stderr).toMatch(/IPv4 address.*IPv6 prefix/);
    expect(short.stderr).toMatch(/too short to compute the IPv4 address and PSID/);
    expect(noArg.stderr).toMatch(/give your IPv6 prefix/);
    expect(badFormat.stderr).toMatch(/rtx, linux, vyos, openwrt/);
    for (const r of [unknown, short]) expect(r.stderr).toMatch(/usage: calc <prefix-or-address>/);
  });

  it('--fixed-iid gives the fixed-IP CE address', async () => {
    const r = await cli('calc', '240b:11:b901:1800::/64', '--fixed-iid', '::cb:71:a00:0', '--fixed-ipv4', '203.0.113.10', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ceAddress: '240b:11:b901:1800:cb:71:a00:0', interfaceIdMatches: true });
  });
});
