import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './web-process.js';

export interface PtyTwin {
  /** The serial device path the app opens (a socat pty link). */
  path: string;
  socat: ChildProcess;
  /** PID of the `ipoe-doctor simulate` process behind the pty. */
  twinPid(): number | null;
  /** Pull the cable: the pty and its device path disappear at once, as a USB-serial adapter's does. */
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

/** How long node + tsx may take to start the twin: seconds when idle, much longer on a loaded 2-core machine. */
const TWIN_START_MS = 60_000;

const linkExists = (p: string): boolean => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

/** A real pseudo-terminal whose far end is the twin CLI: `socat PTY,link=…,raw,echo=0 EXEC:'ipoe-doctor simulate …'`. */
export async function startPtyTwin(scenario: string, extraArgs: string[] = [], path?: string): Promise<PtyTwin> {
  const dir = mkdtempSync(join(tmpdir(), 'ipoe-pty-'));
  const link = path ?? join(dir, 'rtx');
  // A device path reused after a pulled cable: the old link must not be mistaken for the new pty.
  if (linkExists(link)) rmSync(link, { force: true });
  const ready = join(dir, 'twin.ready');
  const cmd = ['node', join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'simulate', scenario, ...extraArgs].join(' ');
  const socat = spawn('socat', [`PTY,link=${link},raw,echo=0`, `EXEC:${cmd}`], {
    // Integration tests run the twin from source, so they never test a stale build.
    env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1', IPOE_DOCTOR_SIMULATE_READY: ready },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  socat.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const started = Date.now();
  // Wait for the pty link and for the twin to read its line (it writes its pid to the ready file).
  while (!linkExists(link) || !existsSync(ready)) {
    if (socat.exitCode !== null || socat.signalCode !== null) throw new Error(`socat exited: ${err}`);
    if (Date.now() - started > TWIN_START_MS) {
      socat.kill('SIGKILL');
      throw new Error(`the twin behind ${link} did not start within ${TWIN_START_MS} ms: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = Number(readFileSync(ready, 'utf8').trim());
  return {
    path: link,
    socat,
    twinPid: () => (Number.isInteger(pid) && pid > 0 ? pid : null),
    kill: () =>
      new Promise<void>((resolve) => {
        const gone = () => {
          rmSync(link, { force: true });
          rmSync(ready, { force: true });
          // The directory stays: a reconnect may reuse the device path inside it (the test's TMPDIR goes at its end).
          resolve();
        };
        if (socat.exitCode !== null || socat.signalCode !== null) return gone();
        socat.once('exit', gone);
        socat.kill('SIGKILL');
      }),
  };
}

/** A serial cable into a console server: a real pty whose far end is the twin's serial console (raw TCP). */
export interface PtyCable {
  path: string;
  /** Pull the cable: socat dies, the pty and its path go at once; the router behind runs on. */
  kill(): Promise<void>;
}

/** `socat PTY,link=…,raw,echo=0 TCP:127.0.0.1:port`: the device path the app opens, plugged into the console. */
export async function plugPtyCable(consolePort: number, path?: string): Promise<PtyCable> {
  const link = path ?? join(mkdtempSync(join(tmpdir(), 'ipoe-cable-')), 'rtx');
  if (linkExists(link)) rmSync(link, { force: true });
  const socat = spawn('socat', [`PTY,link=${link},raw,echo=0`, `TCP:127.0.0.1:${consolePort}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  socat.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const started = Date.now();
  while (!linkExists(link)) {
    if (socat.exitCode !== null || socat.signalCode !== null) throw new Error(`socat exited: ${err}`);
    if (Date.now() - started > TWIN_START_MS) {
      socat.kill('SIGKILL');
      throw new Error(`socat made no pty within ${TWIN_START_MS} ms: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    path: link,
    kill: () =>
      new Promise<void>((resolve) => {
        const gone = () => {
          rmSync(link, { force: true });
          resolve();
        };
        if (socat.exitCode !== null || socat.signalCode !== null) return gone();
        socat.once('exit', gone);
        socat.kill('SIGKILL');
      }),
  };
}
