import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSerial } from '../../main/transports/serial-transport.js';
import { RtxSession } from '../../main/devices/rtx-session.js';
import { identifyRtx } from '../../main/devices/identify-rtx.js';
import { ConnectionRegistry } from '../../main/services/connection-registry.js';
import { KnownHosts } from '../../main/transports/known-hosts.js';
import { socatAvailable, startPtyTwin, type PtyTwin } from '../support/socat.js';
import { missing } from '../support/real-parts.js';

const creds = { username: 'admin', password: 'rtx-login-9Qm2', adminPassword: 'rtx-admin-7Hk4' };
const running: PtyTwin[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.kill()));
});

async function twin(scenario: string, args: string[] = [], path?: string) {
  const t = await startPtyTwin(scenario, args, path);
  running.push(t);
  return t;
}

describe.skipIf(missing('socat', socatAvailable()))('serial console over a real pseudo-terminal (socat)', () => {
  it('logs in and identifies the RTX1300 at 9600 bit/s, with real line pacing', async () => {
    const t = await twin('fixed-ip-br-typo');
    const registry = new ConnectionRegistry({ knownHosts: new KnownHosts(join(mkdtempSync(join(tmpdir(), 'kh-')), 'kh.json')) });
    const started = Date.now();
    const s = await registry.connect({ kind: 'serial', path: t.path, baudRate: 9600, ...creds });
    const device = await registry.identify(s.sessionId);
    expect(device).toMatchObject({ model: 'RTX1300', firmware: '23.00.04', serial: 'S78000000', warnings: [] });
    const session = registry.session(s.sessionId);
    const env = await session.run('show environment');
    // ~600 bytes at 960 B/s cannot arrive faster than the line allows.
    expect(env.elapsedMs).toBeGreaterThanOrEqual(Math.floor((env.bytes / 960) * 1000 * 0.8));
    expect(Date.now() - started).toBeGreaterThan(3000);
    await registry.disconnect(s.sessionId);
  });

  it('gets through the pager left on, on a Shift_JIS console with a custom prompt', async () => {
    const t = await twin('fixed-ip-br-typo', ['--baud', '0', '--character', 'ja.sjis', '--prompt', 'RTX1300']);
    const session = new RtxSession(await openSerial({ path: t.path }), creds);
    await session.open();
    expect(session.prompt).toBe('RTX1300>');
    await session.run('no console lines'); // the factory pager: 24 lines
    await session.enterAdmin();
    expect(session.prompt).toBe('RTX1300#');
    const config = await session.run('show config');
    expect(config.output).not.toMatch(/つづく|---more---/);
    expect(config.output).toContain('tunnel endpoint address 2404:9200:255:100::65');
    expect(config.output.trimEnd().endsWith('EOF')).toBe(true);
    const bad = await session.run('show nonsense');
    expect(bad.error).toBe('エラー： コマンド名を確認してください');
    expect(session.detectedCharset).toBe('cp932');
    await session.close();
  });

  it('a wrong password gets one clear error and no retry storm', async () => {
    const t = await twin('fixed-ip-br-typo', ['--baud', '0']);
    const registry = new ConnectionRegistry({ knownHosts: new KnownHosts(join(mkdtempSync(join(tmpdir(), 'kh-')), 'kh.json')) });
    const err = await registry.connect({ kind: 'serial', path: t.path, baudRate: 9600, ...creds, password: 'wrong' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'login-failed' });
    expect((err as Error).message).toMatch(/does not retry/);
    // The console is still usable: the right password works at once (no lockout was provoked).
    const ok = await registry.connect({ kind: 'serial', path: t.path, baudRate: 9600, ...creds });
    await registry.disconnect(ok.sessionId);
  });

  it('the cable pulled mid-command is a clear error; reconnecting afterwards works', async () => {
    // Each step takes a second or two; one that hangs names itself instead of ending in the test's bare timeout
    // (it did once, in a batch after a stability run, with nothing to say where).
    const step = <T,>(name: string, p: Promise<T>): Promise<T> => {
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`step "${name}" did not finish within 20 s`)), 20_000);
      });
      return Promise.race([p, hung]).finally(() => clearTimeout(timer));
    };
    const t = await twin('fixed-ip-br-typo');
    const session = new RtxSession(await step('open the port', openSerial({ path: t.path })), creds);
    await step('log in', session.open());
    await step('enter administrator mode', session.enterAdmin());
    const pending = session.run('show config'); // ~4 s at 9600 bit/s
    setTimeout(() => void t.kill(), 700);
    const err = await step('the command fails when the cable goes', pending.catch((e: unknown) => e));
    expect(err).toMatchObject({ code: 'disconnected' });
    expect((err as Error).message).toMatch(/cable|reconnect/i);
    await step('close the dead session', session.close().catch(() => undefined));

    const again = await twin('fixed-ip-br-typo', ['--baud', '0'], t.path);
    const s2 = new RtxSession(await step('reopen the port', openSerial({ path: again.path })), creds);
    await step('log in again', s2.open());
    expect((await step('identify', identifyRtx(s2, { crossCheck: false }))).model).toBe('RTX1300');
    await step('close', s2.close());
  });

  it('survives a burst of line noise', async () => {
    const t = await twin('v6plus-rtx830', ['--baud', '0']);
    const transport = await openSerial({ path: t.path });
    const session = new RtxSession(transport, {});
    await session.open();
    // Wait until all 512 noise bytes are on our side of the line (a fixed pause is too short on a loaded machine).
    let received = 0;
    const noise = new Promise<void>((resolve) => {
      const off = transport.onData((chunk) => {
        received += chunk.length;
        if (received >= 512) {
          off();
          resolve();
        }
      });
    });
    process.kill(t.twinPid()!, 'SIGUSR1');
    await noise;
    // The noise lands before the next command's output; the command still completes and the next is clean.
    await session.run('show environment').catch(() => undefined);
    const clean = await session.run('show environment');
    expect(clean.output).toContain('RTX830 Rev.15.02.31');
    await session.close();
  });
});
