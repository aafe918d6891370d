import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionRegistry } from '../../main/services/connection-registry.js';
import { KnownHosts } from '../../main/transports/known-hosts.js';
import { openSsh } from '../../main/transports/ssh-transport.js';
import { serveTwinOverSsh } from '../../main/simulator/host/serve-ssh.js';
import { loadScenario } from '../../main/simulator/host/scenario-files.js';
import { RtxSession } from '../../main/devices/rtx-session.js';
import { sshdAvailable, startSshd, type RealSshd } from '../support/sshd.js';
import ssh2 from 'ssh2';
import { missing } from '../support/real-parts.js';

const creds = { username: 'admin', password: 'rtx-login-9Qm2', adminPassword: 'rtx-admin-7Hk4' };
const knownHostsFile = () => new KnownHosts(join(mkdtempSync(join(tmpdir(), 'kh-')), 'known_hosts.json'));

describe.skipIf(missing('sshd', sshdAvailable()))('SSH to the twin behind a real OpenSSH sshd', () => {
  let sshd: RealSshd;
  beforeAll(async () => {
    sshd = await startSshd('fixed-ip-br-typo', ['--baud', '0', '--logged-in']);
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('trusts a new host key only after confirmation, then identifies the router; a changed key is refused', async () => {
    const knownHosts = knownHostsFile();
    const registry = new ConnectionRegistry({ knownHosts });
    const request = {
      kind: 'ssh' as const,
      host: '127.0.0.1',
      port: sshd.port,
      username: sshd.user,
      privateKeyPath: sshd.clientKeyPath,
      adminPassword: creds.adminPassword,
    };
    const first = await registry.connect(request).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'ssh-host-key-unknown' });
    const details = (first as { details: { fingerprint: string; keyType: string } }).details;
    expect(details.keyType).toBe('ssh-ed25519');
    expect(details.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);

    await registry.trustHostKey(details as never);
    const s = await registry.connect(request);
    const live = registry.session(s.sessionId);
    expect(live.transport.label).toBe(`ssh://${sshd.user}@127.0.0.1:${sshd.port}`);
    expect(await registry.identify(s.sessionId)).toMatchObject({ model: 'RTX1300', firmware: '23.00.04', warnings: [] });
    await registry.disconnect(s.sessionId);

    await sshd.rekey();
    const changed = await registry.connect(request).catch((e: unknown) => e);
    expect(changed).toMatchObject({ code: 'ssh-host-key-changed' });
    expect((changed as Error).message).toMatch(/CHANGED/);
  });
});

describe('SSH to the twin served by `ipoe-doctor simulate --ssh-port` (ssh2 server)', () => {
  it('password login, PTY shell, identify; a wrong password and an exec request are refused', async () => {
    const scenario = loadScenario('fixed-ip-br-typo');
    const server = await serveTwinOverSsh({ scenario, port: 0 });
    try {
      const knownHosts = knownHostsFile();
      const t = await openSsh({ host: '127.0.0.1', port: server.port, username: 'admin', password: creds.password, knownHosts, confirmHostKey: async () => true });
      const session = new RtxSession(t, { adminPassword: creds.adminPassword });
      await session.open();
      await session.enterAdmin();
      const cfg = await session.run('show config');
      expect(cfg.output).toContain('# RTX1300 Rev.23.00.04');
      await session.close();

      const wrong = await openSsh({ host: '127.0.0.1', port: server.port, username: 'admin', password: 'nope', knownHosts }).catch((e: unknown) => e);
      expect(wrong).toMatchObject({ code: 'ssh-auth-failed' });

      // Like a real RTX, there is no exec channel: only the interactive shell.
      const execRefused = await new Promise<boolean>((resolve) => {
        const c = new ssh2.Client();
        c.on('ready', () =>
          c.exec('show environment', (err) => {
            c.end();
            resolve(Boolean(err));
          }),
        );
        c.on('error', () => resolve(false));
        c.connect({ host: '127.0.0.1', port: server.port, username: 'admin', password: creds.password, hostVerifier: () => true });
      });
      expect(execRefused).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('keyboard-interactive login answers the password prompt', async () => {
    const server = await serveTwinOverSsh({ scenario: loadScenario('fixed-ip-br-typo'), port: 0, authMethods: ['keyboard-interactive'] });
    try {
      const t = await openSsh({ host: '127.0.0.1', port: server.port, username: 'admin', password: creds.password, knownHosts: knownHostsFile(), confirmHostKey: async () => true });
      const session = new RtxSession(t, {});
      await session.open();
      expect((await session.run('show environment')).output).toContain('RTX1300 Rev.23.00.04');
      await session.close();
    } finally {
      await server.close();
    }
  });
});
