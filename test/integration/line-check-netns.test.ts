/**
 * The line check from this computer, for real, in namespaces the test makes (test/support/line-lab.ts): a PC behind a
 * router that hands out a prefix by RA with RDNSS (dnsmasq), answers DNS and holds the BR/AFTR address, and an IPv4
 * "Internet" host behind a 1460-byte link. The CLI runs under `ip netns exec <pc>`; the other lines run the same
 * check in-process through its exec prefix.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLine } from '../../main/line-check/run.js';
import { lineCheckJson } from '../../shared/line-check/render.js';
import { runCli } from '../support/cli.js';
import { INTERNET_HOST, makeLineLab, type LineLab } from '../support/line-lab.js';
import { commandWorks, missing } from '../support/real-parts.js';

const isRoot = process.getuid?.() === 0;
const skip =
  missing('network namespaces', isRoot, 'needs root') ||
  missing('dnsmasq', commandWorks('dnsmasq', ['--version'])) ||
  missing('rdisc6', commandWorks('rdisc6', ['-V']));

const V6PLUS = '240b:11:b901:1800::';
const V6PLUS_BR = '2404:9200:225:100::64';
const WEB = { 'www.nic.ad.jp': INTERNET_HOST };

describe.skipIf(skip)('line-check in network namespaces', () => {
  let lab: LineLab | null = null;
  afterEach(async () => {
    await lab?.destroy();
    lab = null;
  });

  it('v6plus by RA: --json names the service, BR, IPv4 + port set, what the router needs; BR, IPv4, path MTU and DNS checked', async () => {
    lab = await makeLineLab({ prefix: V6PLUS, endpoints: [V6PLUS_BR], hosts: WEB });
    const r = await runCli(['line-check', '--json'], { prefix: lab.inPc });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.service).toMatchObject({ id: 'v6plus', source: 'prefix', alsoPossible: ['v6plus-fixed'] });
    expect(j.prefix).toBe('240b:11:b901:1800::/64');
    expect(j.raRouter).toMatch(/^fe80::/);
    expect(j.lineDns).toEqual([`${V6PLUS}1`]);
    expect(j.br).toMatchObject({ role: 'br', address: V6PLUS_BR, source: 'calculator' });
    expect(j.mape).toMatchObject({ ipv4: '106.73.185.1', psid: 24, ports: 240, ceAddress: '240b:11:b901:1800:6a:49b9:100:1800' });
    expect(j.mape.portSet).toHaveLength(15);
    expect(j.mape.portSet[0]).toBe('4480-4495');
    expect(j.needs.map((n: { feature: string }) => n.feature)).toEqual(['map-e-all-port-blocks']);
    expect(j.needs[0].text).toMatch(/all 15 port blocks \(240 ports\)/);
    expect(j.reachability.pings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ target: V6PLUS_BR, role: 'br', ok: true }),
        expect.objectContaining({ target: '192.168.100.1', role: 'ipv4-gateway', ok: true }),
        expect.objectContaining({ target: INTERNET_HOST, role: 'ipv4-internet', ok: true }),
      ]),
    );
    expect(j.reachability.pathMtu).toMatchObject({ target: INTERNET_HOST, mtu: 1460 });
    expect(j.reachability.dns).toEqual([
      expect.objectContaining({ family: 4, server: '192.168.100.1', ok: true, answer: INTERNET_HOST }),
      expect.objectContaining({ family: 6, server: `${V6PLUS}1`, ok: true, answer: INTERNET_HOST }),
    ]);
    expect(j.findings).toEqual([]);
    // HB46PP was asked over the line's DNS (issue 14's client): no record here, so the rule table was used.
    expect(j.reasons.join('\n')).toMatch(/no provisioning record for 4over6.info \(NXDOMAIN\)/);
  });

  it('a computer without iproute2 is told the check needs it, never that the line has no IPv6', async () => {
    await expect(checkLine({ execPrefix: ['env', 'PATH=/nonexistent'] })).rejects.toMatchObject({ code: 'line-check-no-ip', message: expect.stringMatching(/^The line check reads this computer's interfaces with iproute2 .*it runs on Linux/) });
  });

  it('BIGLOBE by RA: its rule and BR; a BR that does not answer is BR_UNREACHABLE', async () => {
    lab = await makeLineLab({ prefix: '2404:7a82:4d02:4100::', endpoints: [], hosts: WEB });
    const { result } = await checkLine({ execPrefix: lab.inPc });
    const j = lineCheckJson(result);
    expect(j.service).toMatchObject({ id: 'biglobe', source: 'prefix' });
    expect(j.br).toMatchObject({ address: '2001:260:700:1::1:275' });
    expect(j.mape).toMatchObject({ ipv4: '133.209.13.2', psid: 65, ports: 240 });
    expect(j.findings.map((f) => f.code)).toEqual(['BR_UNREACHABLE']);
    expect(j.findings[0]!.data).toMatchObject({ target: '2001:260:700:1::1:275', role: 'br' });
    expect(j.findings[0]!.evidence[0]!.command).toBe('ping -6 -c 3 -i 0.2 -W 2 2001:260:700:1::1:275');
  });

  it('DS-Lite: the line DNS resolves gw.transix.jp; the AFTR answers ping6; the router needs DS-Lite', async () => {
    lab = await makeLineLab({ prefix: '2409:10:1:2300::', endpoints: ['2404:8e00::feed:100'], hosts: { ...WEB, 'gw.transix.jp': '2404:8e00::feed:100' } });
    const { result } = await checkLine({ execPrefix: lab.inPc });
    const j = lineCheckJson(result);
    expect(j.service).toMatchObject({ id: 'transix-dslite', source: 'aftr' });
    expect(j.aftr).toEqual({ name: 'gw.transix.jp', addresses: ['2404:8e00::feed:100'] });
    expect(j.mape).toBeNull();
    expect(j.needs).toEqual([{ feature: 'ds-lite', text: "DS-Lite with the AFTR by name (gw.transix.jp) over the line's DNS" }]);
    expect(j.reachability.pings).toContainEqual(expect.objectContaining({ target: '2404:8e00::feed:100', role: 'aftr', name: 'gw.transix.jp', ok: true }));
    expect(j.findings).toEqual([]);
  });

  it('no IPv6 on the line: IPV6_NO_PREFIX with the ISP and router questions; IPv4 still checked', async () => {
    lab = await makeLineLab({ hosts: WEB });
    const { result } = await checkLine({ execPrefix: lab.inPc });
    const j = lineCheckJson(result);
    expect(j.service).toBeNull();
    expect(j.prefix).toBeNull();
    expect(j.verdict).toMatch(/^No IPv6 reaches this computer/);
    expect(j.findings.map((f) => f.code)).toEqual(['IPV6_NO_PREFIX']);
    expect(Object.keys(j.checklists).filter((p) => j.checklists[p]!.length)).toEqual(['isp', 'vendor']);
    expect(j.reachability.pathMtu).toMatchObject({ mtu: 1460 });
  });

  it("field report 000's first attempt: WRC-X6000XS on a v6plus fixed-IP line is a device-side dead end, never a broken line", async () => {
    lab = await makeLineLab({ prefix: V6PLUS, endpoints: [V6PLUS_BR, '2404:9200:225:100::65'], hosts: WEB });
    const out = join(mkdtempSync(join(tmpdir(), 'line-report-')), 'report.md');
    const r = await runCli(['line-check', '--router', 'Elecom WRC-X6000XS', '--service', 'v6plus-fixed', '--json', '--out', out], { prefix: lab.inPc });
    expect(r.code, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.service).toMatchObject({ id: 'v6plus-fixed', source: 'user' });
    expect(j.router).toMatchObject({ vendor: 'ELECOM', model: 'WRC-X6000XS', support: 'no' });
    expect(j.findings.map((f: { code: string }) => f.code)).toEqual(['DEVICE_UNSUPPORTED_SERVICE']);
    expect(j.findings[0].explanation).toMatch(/not a broken line/);
    expect(j.verdict).toBe('The line is v6plus fixed IP service; the router ELECOM WRC-X6000XS cannot run it. This is a device-side dead end, not a broken line.');
    expect(j.checklists.vendor.join('\n')).toMatch(/Does the ELECOM WRC-X6000XS support v6plus fixed IP service/);
    expect(j.checklists.isp.join('\n')).toMatch(/Which routers are verified for v6plus fixed IP service/);
    expect(j.options).toContainEqual({ kind: 'linux-ce' });
    expect(j.options).toContainEqual({ kind: 'rtx' });
    expect(j.needs.map((n: { feature: string }) => n.feature)).toEqual(['ipip-fixed-interface-id', 'update-notification']);
    expect(j.reachability.pings).toContainEqual(expect.objectContaining({ target: '2404:9200:225:100::65', role: 'br', ok: true }));
    // The support report: the finding with the vendor and ISP questions, the verdict among the notes.
    const report = readFileSync(out, 'utf8');
    expect(report).toContain('DEVICE_UNSUPPORTED_SERVICE');
    expect(report).toMatch(/Does the ELECOM WRC-X6000XS support v6plus fixed IP service/);
    expect(report).toMatch(/Which routers are verified for v6plus fixed IP service/);
    expect(report).toContain('not a broken line');
    expect(readFileSync(out.replace(/\.md$/, '.html'), 'utf8')).toContain('DEVICE_UNSUPPORTED_SERVICE');
  });

  // The lab's router must be a router to the PC's kernel: a neighbour probe of it answered without the Router flag
  // drops the PC's RA default route (RFC 4861 7.2.5), and the check then sees "Network is unreachable" at random.
  it("the lab's router keeps the PC's RA default route through a neighbour probe", async () => {
    lab = await makeLineLab({ prefix: V6PLUS });
    const inPc = lab.runInPc;
    const router = /default via (fe80::\S+) dev eth0 proto ra/.exec(inPc('ip', '-6', 'route', 'show', 'default'))?.[1];
    expect(router).toBeDefined();
    // Force the probe the kernel makes of a stale router entry (unicast NS; the NA's flags decide the rest).
    const mac = /lladdr (\S+)/.exec(inPc('ip', '-6', 'neigh', 'show', router!, 'dev', 'eth0'))![1]!;
    inPc('ip', '-6', 'neigh', 'replace', router!, 'dev', 'eth0', 'lladdr', mac, 'nud', 'probe');
    await expect.poll(() => inPc('ip', '-6', 'neigh', 'show', router!, 'dev', 'eth0'), { timeout: 5_000 }).toMatch(/REACHABLE/);
    expect(inPc('ip', '-6', 'neigh', 'show', router!, 'dev', 'eth0')).toMatch(/\brouter\b/);
    expect(inPc('ip', '-6', 'route', 'show', 'default')).toContain(`default via ${router} dev eth0 proto ra`);
  });
});
