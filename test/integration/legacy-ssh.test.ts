import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { missing } from '../support/real-parts.js';
import { fingerprintOfKeyFile, sshdAvailable, startSshd, type RealSshd } from '../support/sshd.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/web-process.js';

/** An older RTX's SSH server (RTX810: group1 and ssh-rsa only), played by a real OpenSSH sshd restricted to them. */
const OLD_ROUTER = ['KexAlgorithms diffie-hellman-group1-sha1', 'HostKeyAlgorithms ssh-rsa', 'Ciphers aes128-cbc'];
/** Makes this Node lack the named group modp2, as Electron's BoringSSL does. */
const BORING_DH = join(repoRoot, 'test', 'support', 'boring-dh.mjs');
const admin = { IPOE_DOCTOR_PASSWORD: '', IPOE_DOCTOR_ADMIN_PASSWORD: 'ocn-admin-Rw51' };

describe.skipIf(missing('sshd', sshdAvailable()))('older SSH: a real OpenSSH sshd that offers only diffie-hellman-group1-sha1, ssh-rsa and aes128-cbc', () => {
  let sshd: RealSshd;
  let fingerprint: string;
  beforeAll(async () => {
    sshd = await startSshd('ocn-mape-proto4-filtered', ['--baud', '0', '--logged-in'], { hostKeyType: 'rsa', extraConfig: OLD_ROUTER });
    fingerprint = fingerprintOfKeyFile(`${sshd.hostKeyPath}.pub`);
  });
  afterAll(async () => {
    await sshd?.stop();
  });
  const probe = (extra: string[], nodeArgs: string[] = []) =>
    runCli(['probe', '--ssh', `${sshd.user}@127.0.0.1:${sshd.port}`, '--key', sshd.clientKeyPath, '--trust-host-key', fingerprint, '--json', ...extra], { env: admin, nodeArgs });

  it('without the opt-in it is refused, and the message names the old algorithms and how to allow them', async () => {
    const r = await probe([]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`127.0.0.1:${sshd.port} (SSH-2.0-OpenSSH_`);
    expect(r.stderr).toContain('offers only old SSH algorithms: key exchange diffie-hellman-group1-sha1, host key ssh-rsa, cipher aes128-cbc');
    expect(r.stderr).toContain('add --legacy-ssh');
    expect(r.stderr).toMatch(/\[ssh-legacy-only\]\n$/);
  });

  it('with --legacy-ssh it connects (modern algorithms still offered first) and identifies the router', async () => {
    const r = await probe(['--legacy-ssh']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ connection: `ssh://${sshd.user}@127.0.0.1:${sshd.port}`, device: { model: 'RTX1210', firmware: '14.01.42' } });
  });

  it("with the named group modp2 missing (Electron's BoringSSL): ssh2 alone fails with \"Unknown DH group\"; the app connects on the RFC 2409 prime", async () => {
    // The control: the same Node, the same server, ssh2 without the app's group fix.
    const bare = await new Promise<string>((resolve) =>
      execFile(
        process.execPath,
        [
          '--import',
          BORING_DH,
          '-e',
          `const { Client } = require('ssh2'); const c = new Client();
           c.on('error', (e) => { console.log('ERROR ' + e.message); c.end(); });
           c.on('ready', () => { console.log('READY'); c.end(); });
           c.connect({ host: '127.0.0.1', port: ${sshd.port}, username: ${JSON.stringify(sshd.user)}, privateKey: require('fs').readFileSync(${JSON.stringify(sshd.clientKeyPath)}),
             algorithms: { kex: ['diffie-hellman-group1-sha1'], serverHostKey: ['ssh-rsa'], cipher: ['aes128-cbc'] }, hostVerifier: () => true });`,
        ],
        { cwd: repoRoot, timeout: 60_000 },
        (_err, stdout, stderr) => resolve(stdout + stderr),
      ),
    );
    expect(bare).toContain('ERROR Unknown DH group');
    const r = await probe(['--legacy-ssh'], ['--import', BORING_DH]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ device: { model: 'RTX1210' } });
  });
});
