import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionRegistry } from '../../main/services/connection-registry.js';
import { KnownHosts } from '../../main/transports/known-hosts.js';
import { commandWorks, missing } from '../support/real-parts.js';
import { busyboxTelnetdAvailable, startBusyboxTelnetd, startTwinRouter, type Server, type TwinRouterProcess } from '../support/telnet.js';
import { runCli } from '../support/cli.js';
import { freePort } from '../support/net.js';

const rtx1300 = { user: 'admin', password: 'rtx-login-9Qm2', admin: 'rtx-admin-7Hk4' };
const rtx830Sjis = { password: 'tx-login-Hc27', admin: 'tx-admin-Vb90' };
const secretsOf = (c: { password: string; admin: string }) => ({ IPOE_DOCTOR_PASSWORD: c.password, IPOE_DOCTOR_ADMIN_PASSWORD: c.admin });
const knownHosts = () => new KnownHosts(join(mkdtempSync(join(tmpdir(), 'kh-')), 'known_hosts.json'));

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

describe.skipIf(missing('telnetd', busyboxTelnetdAvailable()))("our Telnet client against Debian's busybox telnetd, the twin its login program on a real pty", () => {
  let rtx: Server;
  let sjis: Server;
  beforeAll(async () => {
    rtx = await startBusyboxTelnetd('fixed-ip-br-typo');
    sjis = await startBusyboxTelnetd('transix-dslite');
  });
  afterAll(async () => {
    await rtx?.stop();
    await sjis?.stop();
  });

  it('probe --telnet identifies the router (RTX1300, named login), warns of the clear-text password and says how to turn SSH on', async () => {
    const r = await runCli(['probe', '--telnet', `127.0.0.1:${rtx.port}`, '--user', rtx1300.user, '--json'], { env: secretsOf(rtx1300) });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { connection: string; device: { model: string; firmware: string; serial: string; warnings: string[] }; nextTime: string };
    expect(j.connection).toBe(`telnet://127.0.0.1:${rtx.port}`);
    expect(j.device).toMatchObject({ model: 'RTX1300', firmware: '23.00.04', serial: 'S78000000', warnings: [] });
    expect(j.nextTime).toBe('turn SSH on for next time: ipoe-doctor fix --telnet 127.0.0.1 --enable-ssh');
    expect(r.stderr).toMatch(/Telnet sends everything, the router passwords included, in clear text across the LAN/);
    expect(r.stdout + r.stderr).not.toContain(rtx1300.password);
    expect(r.stdout + r.stderr).not.toContain(rtx1300.admin);
  });

  it('fix --telnet on fixed-ip-br-typo saves a verified fix (counters rise, ping passes, then save)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ipoe-fix-'));
    const r = await runCli(['fix', '--telnet', `127.0.0.1:${rtx.port}`, '--user', rtx1300.user, '--yes', '--json'], { env: { ...secretsOf(rtx1300), IPOE_DOCTOR_DATA_DIR: dataDir } });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as {
      outcome: { status: string; appliedCommands: string[]; checks: { passed: boolean; detail: string }[]; backupPath: string; unsavedChangesAfter: boolean; countersAfter: { rxPackets: number }[] };
    };
    expect(j.outcome.status).toBe('saved');
    expect(j.outcome.appliedCommands).toContain('tunnel endpoint address 2404:9200:225:100::65');
    expect(j.outcome.checks.length).toBeGreaterThan(0);
    expect(j.outcome.checks.every((c) => c.passed)).toBe(true);
    expect(j.outcome.checks[0]!.detail).toMatch(/^tunnel 1 RX 0 → [1-9]\d*; ping 1\.1\.1\.1: 3\/3 replies$/);
    expect(j.outcome.countersAfter[0]!.rxPackets).toBeGreaterThan(0);
    // Saved means the router no longer asks to save on leaving administrator mode.
    expect(j.outcome.unsavedChangesAfter).toBe(false);
    expect(j.outcome.backupPath.startsWith(join(dataDir, 'backups'))).toBe(true);
    expect(readFileSync(j.outcome.backupPath, 'utf8')).toContain('tunnel endpoint address 2404:9200:255:100::65');
    expect(r.stdout + r.stderr).not.toContain(rtx1300.password);
  });

  it('an older model logs in with the password alone, and its Shift_JIS console reads as Japanese', async () => {
    const registry = new ConnectionRegistry({ knownHosts: knownHosts() });
    try {
      const s = await registry.connect({ kind: 'telnet', host: '127.0.0.1', port: sjis.port, password: rtx830Sjis.password, adminPassword: rtx830Sjis.admin });
      expect(s.label).toBe(`telnet://127.0.0.1:${sjis.port}`);
      expect(await registry.identify(s.sessionId)).toMatchObject({ model: 'RTX830', firmware: '15.02.31' });
      const session = registry.session(s.sessionId);
      const tunnel = await session.run('show status tunnel 1');
      expect(tunnel.error).toBeNull();
      expect(session.detectedCharset).toBe('cp932');
      expect(tunnel.output).toMatch(/トンネル/);
      expect(tunnel.output).not.toMatch(/\uFFFD/);
      await registry.disconnect(s.sessionId);
    } finally {
      await registry.closeAll();
    }
  });

  it('report --telnet writes the support report from the live router, without the passwords', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ipoe-report-')), 'rtx830.md');
    const r = await runCli(['report', '--telnet', `127.0.0.1:${sjis.port}`, '--out', out, '--lang', 'en'], { env: secretsOf(rtx830Sjis) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`wrote ${out}\nwrote ${out.replace(/\.md$/, '.html')}\n`);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('RTX830');
    expect(md).toContain(`telnet://127.0.0.1:${sjis.port}`);
    expect(md).not.toContain(rtx830Sjis.password);
    expect(md).not.toContain(rtx830Sjis.admin);
    expect(existsSync(out.replace(/\.md$/, '.html'))).toBe(true);
  });
});

const expectAvailable = commandWorks('expect', ['-v']);
const telnetAvailable = existsSync('/usr/bin/telnet');

describe.skipIf(missing('telnet', telnetAvailable) || missing('expect', expectAvailable))("the twin's own Telnet server, driven by Debian's telnet client in a scripted session (expect)", () => {
  let router: TwinRouterProcess;
  let old: TwinRouterProcess;
  beforeAll(async () => {
    router = await startTwinRouter('fixed-ip-br-typo');
    old = await startTwinRouter('ocn-mape-proto4-filtered');
  });
  afterAll(async () => {
    await router?.stop();
    await old?.stop();
  });

  const runExpect = (script: string): Promise<{ code: number; out: string }> => {
    const file = join(mkdtempSync(join(tmpdir(), 'ipoe-expect-')), 'session.exp');
    writeFileSync(file, script);
    return new Promise((resolve) =>
      execFile('expect', ['-f', file], { timeout: 90_000, env: { ...process.env, TERM: 'xterm' } }, (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: stdout + stderr }),
      ),
    );
  };
  // Every wait is for the router's own words, never a fixed time; a timeout or an early hang-up fails the script.
  const session = (port: number) => `set timeout 30\nspawn telnet 127.0.0.1 ${port}\nexpect_after {\n  timeout { puts "TIMEOUT"; exit 9 }\n  eof { puts "EOF"; exit 8 }\n}\n`;

  it('RTX1300: the telnet client negotiates, the router asks user name then password, runs a command, and hangs up at logout', async () => {
    const r = await runExpect(
      session(router.port) +
        `expect "Username: "\nsend "${rtx1300.user}\\r"\n` +
        `expect "Password: "\nsend "${rtx1300.password}\\r"\n` +
        `expect "Yamaha Corporation"\nexpect "> "\n` +
        `send "show environment\\r"\nexpect "RTX1300 Rev.23.00.04 (Wed Aug 10 11:40:27 2022)"\nexpect "> "\n` +
        `send "exit\\r"\nexpect {\n  eof { puts "HUNG-UP"; exit 0 }\n}\n`,
    );
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('HUNG-UP');
    expect(r.out).toContain('Connection closed by foreign host');
    // The real client agreed to what the router asked: its terminal type and window size reached the twin.
    expect(router.output()).toMatch(/\[simulate\] terminal type \S+/i);
    expect(router.output()).toMatch(/\[simulate\] window \d+x\d+/);
  });

  it('an older model (RTX1210): the password alone, a wrong one refused, then the right one; administrator mode', async () => {
    const r = await runExpect(
      session(old.port) +
        `expect "Password: "\nsend "not-the-password\\r"\n` +
        `expect "Error: Incorrect password"\nexpect "Password: "\nsend "ocn-login-Tq83\\r"\n` +
        `expect "> "\nsend "administrator\\r"\nexpect "Password: "\nsend "ocn-admin-Rw51\\r"\nexpect "# "\n` +
        `send "show config\\r"\nexpect "# RTX1210 Rev.14.01.42"\nexpect "# "\nputs "\\nOK"\nexit 0\n`,
    );
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(/Username:/);
  });
});

describe("turning SSH on over Telnet really makes SSH answer (the twin's router, fix --enable-ssh)", () => {
  let router: TwinRouterProcess;
  beforeAll(async () => {
    router = await startTwinRouter('fixed-ip-br-typo');
  });
  afterAll(async () => {
    await router?.stop();
  });

  it('SSH is off; fix --telnet --enable-ssh applies, sees SSH answer from here, saves; then an SSH login finds the saved config', async () => {
    const sshPort = await freePort();
    expect(router.sshPort).toBeNull();
    expect(await tcpOpen(sshPort)).toBe(false);
    const r = await runCli(['fix', '--telnet', `127.0.0.1:${router.port}`, '--user', rtx1300.user, '--enable-ssh', '--ssh-listen', String(sshPort), '--yes', '--json'], {
      env: secretsOf(rtx1300),
    });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { sshOn: { status: string; port: number; lan: string; appliedCommands: string[]; checks: { passed: boolean; detail: string }[] }; outcome: { status: string } };
    expect(j.sshOn).toMatchObject({ status: 'saved', port: sshPort, lan: 'lan1' });
    expect(j.sshOn.appliedCommands).toEqual(['sshd host key generate', `sshd listen ${sshPort}`, 'sshd host lan1', 'sshd service on']);
    expect(j.sshOn.checks[0]!.passed).toBe(true);
    expect(j.sshOn.checks[0]!.detail).toMatch(new RegExp(`^SSH answers on 127\\.0\\.0\\.1:${sshPort} \\(SSH-2\\.0-`));
    expect(j.outcome.status).toBe('saved');
    expect(await tcpOpen(sshPort)).toBe(true);

    // Next time, over SSH: the same router, its SSH changes saved.
    const registry = new ConnectionRegistry({ knownHosts: knownHosts() });
    try {
      const request = { kind: 'ssh' as const, host: '127.0.0.1', port: sshPort, username: rtx1300.user, password: rtx1300.password, adminPassword: rtx1300.admin };
      const first = await registry.connect(request).catch((e: unknown) => e);
      expect(first).toMatchObject({ code: 'ssh-host-key-unknown' });
      await registry.trustHostKey((first as { details: never }).details);
      const s = await registry.connect(request);
      expect(await registry.identify(s.sessionId)).toMatchObject({ model: 'RTX1300' });
      const session = registry.session(s.sessionId);
      const config = await session.run('show config');
      expect(config.output).toContain('sshd service on');
      expect(config.output).toContain('tunnel endpoint address 2404:9200:225:100::65');
      const { hadUnsavedChanges } = await session.leaveAdmin();
      expect(hadUnsavedChanges).toBe(false);
      await registry.disconnect(s.sessionId);
    } finally {
      await registry.closeAll();
    }
  });
});
