import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderMessage, type Message } from '../../../shared/i18n/message.js';
import { interpretDetection, type DetectOutputs, type Gap } from '../../../shared/linux/host-facts.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'datapath');
/** A gap's texts as the CLI prints them (English). */
const en = (m: Message | undefined) => (m ? renderMessage('en', m, 'cli') : undefined);
const english = (g: Gap | undefined) => g && { ...g, message: en(g.message)!, hint: en(g.hint)! };
const load = (): DetectOutputs => JSON.parse(readFileSync(join(dir, 'detect-no-ip6tnl.json'), 'utf8')) as DetectOutputs;

describe('host detection, interpreted', () => {
  it('finds the distribution, kernel, root, tools, the WAN and its RA prefix, DNS and the existing tunnel', () => {
    const f = interpretDetection(load());
    expect(f.os).toEqual({ prettyName: 'Debian GNU/Linux 12 (bookworm)', id: 'debian', versionId: '12' });
    expect(f.kernel).toBe('6.18.44-fc-v782');
    expect(f.root).toBe(true);
    expect(f.iproute2).toBe('/usr/sbin/ip');
    expect(f.tools.nft).toBe('/usr/sbin/nft');
    expect(f.wan).toBe('eth1');
    expect(f.gateway).toBe('fe80::a611:bbff:fe7d:ee11');
    expect(f.prefix).toMatchObject({ prefix: '2404:7a82:4d02:4100::/64', source: 'ra' });
    expect(f.wanAddress).toBe('2404:7a82:4d02:4100:5054:ff:fe12:3456');
    expect(f.dns).toEqual(['2404:1a8:7f01:a::3']);
    expect(f.tunnels.map((t) => t.name)).toEqual(['mape']);
  });

  it('says clearly that the kernel has no ip6tnl, with how to get it', () => {
    const f = interpretDetection(load());
    expect(f.ip6tnl).toBe('missing');
    const gap = english(f.gaps.find((g) => g.code === 'IP6TNL_MISSING'))!;
    expect(gap.severity).toBe('blocker');
    expect(gap.message).toContain('add tunnel "ip6tnl0" failed: No such device');
    expect(gap.hint).toContain('modprobe ip6_tunnel');
  });

  it('names every gap with a hint: nft, root, RA, prefix, DNS, curl for fixed IP, systemd, the existing tunnel', () => {
    const o = load();
    o.tools = { output: 'sysctl /usr/sbin/sysctl\niproute2 /usr/sbin/ip\n', exitCode: 0 };
    o.uid = { output: '1000\n', exitCode: 0 };
    o.sudo = { output: 'sudo: a password is required\n', exitCode: 1 };
    o.route6 = { output: '[]', exitCode: 0 };
    o.addr6 = { output: '[]', exitCode: 0 };
    o.dns = { output: '', exitCode: 0 };
    const f = interpretDetection(o, { needsUpdateClient: true });
    const byCode = new Map(f.gaps.map((g) => [g.code, english(g)!]));
    expect(byCode.get('NFT_MISSING')).toMatchObject({ severity: 'blocker', hint: 'apt-get install nftables' });
    expect(byCode.get('NOT_ROOT')?.message).toMatch(/sudo asks for a password that was not given/);
    expect(byCode.get('NO_IPV6_DEFAULT_ROUTE')?.hint).toMatch(/accept_ra/);
    expect(byCode.get('NO_GLOBAL_PREFIX')?.hint).toMatch(/--prefix/);
    expect(byCode.get('NO_DNS')?.severity).toBe('warning');
    expect(byCode.get('CURL_MISSING')).toMatchObject({ severity: 'blocker', hint: 'apt-get install curl' });
    expect(byCode.get('PING_MISSING')?.hint).toBe('apt-get install iputils-ping');
    expect(byCode.get('NO_SYSTEMD')?.severity).toBe('warning');
    expect(byCode.get('EXISTING_TUNNEL')?.hint).toContain('--replace-existing mape');
    for (const g of f.gaps) expect(en(g.hint)!.length).toBeGreaterThan(10);
  });

  it('sudo: a password the user gave is no gap, and is told apart from NOPASSWD; a missing sudo says how to install it', () => {
    const o = load();
    o.uid = { output: '1000\n', exitCode: 0 };
    o.sudo = { output: '', exitCode: 0 };
    expect(interpretDetection(o).sudo).toBe('passwordless');
    const given = interpretDetection(o, { sudoWithPassword: true });
    expect(given.sudo).toBe('with-password');
    expect(given.gaps.map((g) => g.code)).not.toContain('NOT_ROOT');
    o.sudo = { output: 'sh: 1: sudo: not found\n', exitCode: 127 };
    const missing = interpretDetection(o);
    expect(missing.sudo).toBe('missing');
    expect(en(missing.gaps.find((g) => g.code === 'NOT_ROOT')?.hint)).toContain('apt-get install sudo');
  });

  it('tells a DHCPv6-PD /56 from an RA /64', () => {
    const o = load();
    o.route6 = { output: readFileSync(join(dir, 'route6-pd.json'), 'utf8'), exitCode: 0 };
    const f = interpretDetection(o);
    expect(f.prefix).toMatchObject({ prefix: '2404:7a82:4d02:4100::/56', source: 'pd' });
    const lease = load();
    lease.route6 = o.route6;
    lease.route6 = { output: readFileSync(join(dir, 'route6-pd.json'), 'utf8').replace('"unreachable"', '"unicast"').replace('"dhcp"', '"static"'), exitCode: 0 };
    lease.pdLeases = { output: '      iaprefix 2404:7a82:4d02:4100::/56 {\n', exitCode: 0 };
    expect(interpretDetection(lease).prefix).toMatchObject({ prefix: '2404:7a82:4d02:4100::/56', source: 'pd' });
  });

  it('--wan picks that interface even when another has the default route', () => {
    const f = interpretDetection(load(), { wan: 'eth0' });
    expect(f.wan).toBe('eth0');
    expect(f.gaps.map((g) => g.code)).toContain('NO_IPV6_DEFAULT_ROUTE');
  });
});
