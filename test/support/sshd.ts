import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort } from './net.js';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './web-process.js';

export const SSHD = '/usr/sbin/sshd';

export function sshdAvailable(): boolean {
  return existsSync(SSHD) && existsSync('/usr/bin/ssh-keygen');
}


export interface RealSshd {
  port: number;
  user: string;
  clientKeyPath: string;
  hostKeyPath: string;
  stop(): Promise<void>;
  /** Restart with a brand-new host key on the same port (a reset or replaced router, or an attacker). */
  rekey(): Promise<void>;
}

function keygen(path: string, type: 'ed25519' | 'rsa' = 'ed25519'): void {
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-C', 'ipoe-test', '-f', path]);
}

/** The OpenSSH fingerprint of a public key file (what --trust-host-key takes). */
export function fingerprintOfKeyFile(pubPath: string): string {
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubPath], { encoding: 'utf8' }).split(' ')[1]!;
}

export interface SshdOptions {
  /** sshd_config lines added at the end (e.g. an old router's algorithms only). */
  extraConfig?: string[];
  hostKeyType?: 'ed25519' | 'rsa';
}

/**
 * A real OpenSSH sshd on 127.0.0.1 with its own host key and config. The only way in is the test's
 * client key, and its forced command runs the twin (`ipoe-doctor simulate …`), like an RTX console.
 */
export async function startSshd(scenario: string, simulateArgs: string[] = ['--baud', '0'], opts: SshdOptions = {}): Promise<RealSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'ipoe-sshd-'));
  const hostKeyPath = join(dir, 'host_key');
  const clientKeyPath = join(dir, 'client_key');
  keygen(hostKeyPath, opts.hostKeyType);
  keygen(clientKeyPath);
  const command = ['env', 'IPOE_DOCTOR_FROM_SOURCE=1', `PATH=${process.env.PATH}`, process.execPath, join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'simulate', scenario, ...simulateArgs].join(' ');
  writeFileSync(join(dir, 'authorized_keys'), `command="${command}",no-port-forwarding,no-agent-forwarding,no-X11-forwarding ${readFileSync(`${clientKeyPath}.pub`, 'utf8')}`, { mode: 0o600 });
  const port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyPath}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      'PrintMotd no',
      'LogLevel ERROR',
      ...(opts.extraConfig ?? []),
    ].join('\n') + '\n',
  );
  mkdirSync('/run/sshd', { recursive: true });
  let child: ChildProcess = await launch();

  async function launch(): Promise<ChildProcess> {
    const c = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const started = Date.now();
    for (;;) {
      if (c.exitCode !== null) throw new Error(`sshd exited: ${err}`);
      const up = await new Promise<boolean>((resolve) => {
        const s = connect(port, '127.0.0.1');
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
      if (up) return c;
      if (Date.now() - started > 10_000) throw new Error(`sshd did not listen on ${port}: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return {
    port,
    user: userInfo().username,
    clientKeyPath,
    hostKeyPath,
    stop,
    async rekey() {
      await stop();
      execFileSync('rm', ['-f', hostKeyPath, `${hostKeyPath}.pub`]);
      keygen(hostKeyPath, opts.hostKeyType);
      child = await launch();
    },
  };
}
