/**
 * The HB46PP client against real servers on loopback and in a network namespace the test makes: dnsmasq answers
 * 4over6.info's TXT record, socat serves the lab's provisioning handler over https with a CA made by openssl (t=b).
 * Every failure the client knows is provoked for real (NXDOMAIN, an unreachable DNS, 403, 404, order: [], auth: bad,
 * malformed JSON, a server that never answers, too many redirects, a certificate nobody vouches for), through
 * Node's I/O (this computer) and through the shell I/O the Linux CE uses (curl and each DNS client: dig, host,
 * busybox nslookup), which must give the same records.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inEnglish } from '../../shared/i18n/message.js';
import { lookupProvisioning, type ProvisioningIo } from '../../main/provisioning/hb46pp-client.js';
import { nodeProvisioningIo } from '../../main/provisioning/io-node.js';
import { shellProvisioningIo } from '../../main/provisioning/io-shell.js';
import { LinuxShellSession } from '../../main/devices/linux-shell-session.js';
import { openLocalShell } from '../../main/transports/local-shell.js';
import { freePort } from '../support/net.js';
import { commandWorks, missing } from '../support/real-parts.js';
import { makeCa, startDns, startHb46pp, type LabCa, type Running } from '../support/hb46pp-servers.js';
import type { ProvisioningRecord } from '../../shared/provisioning/index.js';

const TOKEN = 'a'.repeat(64);
const ANSWER = { ttl: 7200, token: TOKEN, order: ['dslite'], dslite: { aftr: 'gw.transix.jp' }, enabler_name: 'lab VNE' };
const isRoot = process.getuid?.() === 0;
const skip =
  missing('dnsmasq', commandWorks('dnsmasq', ['--version'])) ||
  missing('openssl', commandWorks('openssl', ['version'])) ||
  missing('socat', commandWorks('socat', ['-V'])) ||
  missing('network namespaces', isRoot, 'needs root') ||
  missing('DNS clients', ['dig', 'host', 'busybox'].every((c) => commandWorks('sh', ['-c', `command -v ${c}`])));

function failureOf(r: ProvisioningRecord): string {
  return r.failure ? `${r.failure.code}: ${inEnglish(r.failure.detail)}` : 'answer';
}

describe.skipIf(skip)('HB46PP client from this computer (Node I/O)', () => {
  let dir: string;
  let ca: LabCa;
  let dns: Running;
  let nx: Running;
  let server: Awaited<ReturnType<typeof startHb46pp>>;
  let io: ProvisioningIo;
  let dnsPort: number;
  let nxPort: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hb46pp-'));
    ca = makeCa(join(dir, 'ca'), ['prov.lab'], ['::1']);
    const port = await freePort();
    dnsPort = await freePort();
    nxPort = await freePort();
    server = await startHb46pp({ dir: join(dir, 'srv'), port, bind: '[::1]', ca, answer: ANSWER });
    dns = await startDns({ dir, port: dnsPort, listen: '::1', txt: { '4over6.info': `v=v6mig-1 url=https://[::1]:${port}/cpe/v1/config t=b` } });
    // A line DNS that knows no provisioning: authoritative NXDOMAIN for 4over6.info.
    nx = await startDns({ dir, port: nxPort, listen: '::1', local: ['info'] });
    io = nodeProvisioningIo({ dnsServers: [`[::1]:${dnsPort}`], ca: ca.caPem });
  });
  afterAll(async () => {
    await server?.stop();
    await dns?.stop();
    await nx?.stop();
  });

  it('finds the server by TXT, sends the identity, verifies the certificate (t=b), keeps token and ttl', async () => {
    server.mode('ok');
    const r = await lookupProvisioning(io, { extras: { token: 'b'.repeat(64) } });
    expect(failureOf(r)).toBe('answer');
    expect(r.answer).toMatchObject({ ttl: 7200, token: TOKEN, order: ['dslite'], dslite: { aftr: 'gw.transix.jp' }, enablerName: 'lab VNE' });
    expect(r.retryAfterSeconds).toEqual([7200, 7200]);
    expect(r.server).toMatchObject({ verifyCertificate: true });
    expect(r.dnsServer).toBe(`[::1]:${dnsPort}`);
    const req = server.requests().trim().split('\n').pop()!;
    expect(req).toMatch(/GET \/cpe\/v1\/config\?vendorid=acde48-ipoe_doctor&product=IPoE-Doctor&version=\d+_\d+_\d+&capability=map_e%2Cdslite%2Cipip&token=b{64}$/);
  });

  it('follows two 307 redirects; stops after five', async () => {
    server.mode('redirect');
    const r = await lookupProvisioning(io);
    expect(failureOf(r)).toBe('answer');
    expect(r.chain.map((u) => u.replace(/^https:\/\/\[::1\]:\d+/, ''))).toEqual(['/cpe/v1/config', '/cpe/v1/hop1', '/cpe/v1/final']);
    server.mode('loop');
    const loop = await lookupProvisioning(io);
    expect(failureOf(loop)).toMatch(/^too-many-redirects: the provisioning server redirected more than 5 times/);
    expect(loop.chain).toHaveLength(6);
  });

  it.each([
    ['403', /^source-unknown: the provisioning server answered HTTP 403 .*: it does not know this line's address$/],
    ['404', /^source-unknown: the provisioning server answered HTTP 404 /],
    ['empty', /^nothing-offered: the provisioning server offers nothing to this line \("order": \[\]\)$/],
    ['authbad', /^auth-bad: the provisioning server refused the user\/password \("auth": "bad"\) and offers nothing$/],
    ['malformed', /^malformed: the provisioning server's answer is not what the HB46PP spec says: not JSON/],
  ])('server mode %s: a failure with its meaning, and a retry window', async (mode, said) => {
    server.mode(mode);
    const r = await lookupProvisioning(io);
    expect(r.answer).toBeNull();
    expect(failureOf(r)).toMatch(said);
    expect(r.retryAfterSeconds).toEqual([600, 1800]);
  });

  it('a server that never answers: timeout', async () => {
    server.mode('slow');
    const r = await lookupProvisioning(io, { timeoutMs: 1500 });
    expect(failureOf(r)).toMatch(/^timeout: the provisioning server did not answer within 2 s/);
  });

  it('t=b and a certificate nobody here vouches for: certificate', async () => {
    server.mode('ok');
    const r = await lookupProvisioning(nodeProvisioningIo({ dnsServers: [`[::1]:${dnsPort}`] }));
    expect(failureOf(r)).toMatch(/^certificate: the provisioning server's certificate could not be verified/);
  });

  it('NXDOMAIN from the line DNS: no provisioning here (retry in 1–3 h); no DNS at all: dns-failure; no line DNS: said so', async () => {
    const none = await lookupProvisioning(nodeProvisioningIo({ dnsServers: [`[::1]:${nxPort}`] }));
    expect(failureOf(none)).toBe(`no-provisioning: the line's DNS ([::1]:${nxPort}) says there is no provisioning record for 4over6.info (NXDOMAIN): this line publishes no HB46PP server`);
    expect(none.retryAfterSeconds).toEqual([3600, 10800]);
    const deaf = await lookupProvisioning(nodeProvisioningIo({ dnsServers: [`[::1]:${await freePort()}`], dnsTimeoutMs: 500 }));
    expect(failureOf(deaf)).toMatch(/^dns-failure: the line's DNS did not answer the question for 4over6.info/);
    const nothing = await lookupProvisioning(nodeProvisioningIo({ dnsServers: [] }), { wan: 'eth1' });
    expect(failureOf(nothing)).toBe('no-line-dns: this host knows no DNS server of the line (RA RDNSS or DHCPv6 on eth1), so the provisioning record cannot be asked for');
  });
});

/**
 * A shell whose PATH has only the basics and one DNS client, in the namespace (as a CE with that client would be).
 * The wrapper is written before any process starts (an executable written while another spawn forks can be "busy").
 */
function shellWith(netns: string, client: 'dig' | 'host' | 'busybox', binDir: string): () => Promise<LinuxShellSession> {
  const d = join(binDir, client);
  mkdirSync(d, { recursive: true });
  for (const b of ['sed', 'awk', 'grep', 'tr', 'head', 'tail', 'cat', 'curl', 'sleep']) {
    symlinkSync(execFileSync('sh', ['-c', `command -v ${b}`], { encoding: 'utf8' }).trim(), join(d, b));
  }
  symlinkSync(execFileSync('sh', ['-c', `command -v ${client}`], { encoding: 'utf8' }).trim(), join(d, client));
  const wrapper = join(binDir, `${client}.sh`);
  writeFileSync(wrapper, `#!/bin/sh\nexec /usr/sbin/ip netns exec ${netns} /usr/bin/env PATH=${d} /bin/sh\n`, { mode: 0o755 });
  return async () => new LinuxShellSession(openLocalShell({ shell: wrapper }));
}

describe.skipIf(skip)('HB46PP client on the CE (shell I/O: curl and the host DNS client)', () => {
  const ns = `ipoe-hb-${process.pid}`;
  let dir: string;
  let ca: LabCa;
  let dns: Running;
  let server: Awaited<ReturnType<typeof startHb46pp>>;
  const shells: Partial<Record<'dig' | 'host' | 'busybox', () => Promise<LinuxShellSession>>> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hb46pp-sh-'));
    for (const c of ['dig', 'host', 'busybox'] as const) shells[c] = shellWith(ns, c, join(dir, 'bin'));
    execFileSync('ip', ['netns', 'add', ns]);
    execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    ca = makeCa(join(dir, 'ca'), ['prov.lab'], ['::1']);
    server = await startHb46pp({ dir: join(dir, 'srv'), port: 443, bind: '[::1]', ca, answer: ANSWER, netns: ns });
    dns = await startDns({ dir, port: 53, listen: '::1', netns: ns, local: ['4over6.info'], txt: { '4over6.info': 'v=v6mig-1 url=https://[::1]/cpe/v1/config t=b' } });
  });
  afterAll(async () => {
    await server?.stop();
    await dns?.stop();
    execFileSync('ip', ['netns', 'del', ns]);
  });

  it.each(['dig', 'host', 'busybox'] as const)('with %s: the same answer, the same failures', async (client) => {
    const session = await shells[client]!();
    try {
      // curl trusts the lab CA as a CE trusts its system CAs (CURL_CA_BUNDLE stands in for /etc/ssl/certs here).
      const run = (c: string, o?: { timeoutMs?: number }) => session.run(`export CURL_CA_BUNDLE=${ca.caPath}; ${c}`, o);
      const io = shellProvisioningIo(run, 'eth1', ['::1']);
      server.mode('ok');
      const ok = await lookupProvisioning(io);
      expect(failureOf(ok)).toBe('answer');
      expect(ok.answer).toMatchObject({ token: TOKEN, ttl: 7200, dslite: { aftr: 'gw.transix.jp' } });
      expect(ok.dnsServer).toBe('::1');
      server.mode('redirect');
      expect((await lookupProvisioning(io)).chain).toEqual(['https://[::1]/cpe/v1/config', 'https://[::1]/cpe/v1/hop1', 'https://[::1]/cpe/v1/final']);
      server.mode('403');
      expect(failureOf(await lookupProvisioning(io))).toMatch(/^source-unknown: .*HTTP 403/);
      server.mode('malformed');
      expect(failureOf(await lookupProvisioning(io))).toMatch(/^malformed: /);
      server.mode('slow');
      expect(failureOf(await lookupProvisioning(io, { timeoutMs: 1500 }))).toMatch(/^timeout: /);
      server.mode('ok');
      const untrusted = shellProvisioningIo((c, o) => session.run(`unset CURL_CA_BUNDLE; export CURL_CA_BUNDLE=/nonexistent.pem; ${c}`, o), 'eth1', ['::1']);
      expect(failureOf(await lookupProvisioning(untrusted))).toMatch(/^(certificate|unreachable): /);
      const noRecord = shellProvisioningIo(run, 'eth1', ['::1']);
      const nx = await lookupProvisioning({ ...noRecord, txt: (_name, s) => noRecord.txt('no-such.4over6.info', s) });
      expect(failureOf(nx)).toBe("no-provisioning: the line's DNS (::1) says there is no provisioning record for 4over6.info (NXDOMAIN): this line publishes no HB46PP server");
    } finally {
      await session.close();
    }
  });
});
