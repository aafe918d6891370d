import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './web-process.js';

export interface PtyTwin {
  /** The serial device path the app opens (a socat pty link). */
  path: string;
  socat: ChildProcess;
  /** PID of the `ipoe-doctor simulate` process behind the pty. */
  twinPid(): number | null;
  /** Pull the cable: the pty disappears at once. */
  kill(): Promise<void>;
}

export function socatAvailable(): boolean {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A real pseudo-terminal whose far end is the twin CLI: `socat PTY,link=…,raw,echo=0 EXEC:'ipoe-doctor simulate …'`. */
export async function startPtyTwin(scenario: string, extraArgs: string[] = [], path?: string): Promise<PtyTwin> {
  const link = path ?? join(mkdtempSync(join(tmpdir(), 'ipoe-pty-')), 'rtx');
  const cmd = ['node', join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'simulate', scenario, ...extraArgs].join(' ');
  const socat = spawn('socat', [`PTY,link=${link},raw,echo=0`, `EXEC:${cmd}`], {
    // Integration tests run the twin from source, so they never test a stale build.
    env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  socat.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const started = Date.now();
  while (!existsSync(link)) {
    if (socat.exitCode !== null) throw new Error(`socat exited: ${err}`);
    if (Date.now() - started > 10_000) throw new Error(`socat did not create ${link}: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  // Give the twin process (node + tsx) time to start reading its stdin.
  await new Promise((r) => setTimeout(r, 1500));
  return {
    path: link,
    socat,
    twinPid() {
      try {
        const out = execFileSync('pgrep', ['-P', String(socat.pid)], { encoding: 'utf8' }).trim().split('\n')[0];
        return out ? Number(out) : null;
      } catch {
        return null;
      }
    },
    kill: () =>
      new Promise<void>((resolve) => {
        if (socat.exitCode !== null || socat.signalCode !== null) return resolve();
        socat.once('exit', () => resolve());
        socat.kill('SIGKILL');
      }),
  };
}
