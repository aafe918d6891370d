import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './web-process.js';

/** How long node + tsx may take to start the twin on a loaded 2-core machine. */
const START_MS = 60_000;

export interface TwinProcess {
  pid: number;
  sshPort: number | null;
  consolePort: number | null;
  /** The power goes: SIGKILL, nothing gets to run, what is not in the state dir is gone. */
  powerOff(): Promise<void>;
  output(): string;
}

/** `ipoe-doctor simulate <scenario> …` as its own process (from source), once its servers listen. */
export async function startTwinProcess(scenario: string, args: string[]): Promise<TwinProcess> {
  const ready = join(mkdtempSync(join(tmpdir(), 'ipoe-twin-')), 'ready.json');
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'simulate', scenario, ...args], {
    env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1', IPOE_DOCTOR_SIMULATE_READY: ready },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const started = Date.now();
  while (!existsSync(ready) || readFileSync(ready, 'utf8').trim() === '') {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`simulate exited (${child.exitCode ?? child.signalCode}):\n${out}`);
    if (Date.now() - started > START_MS) {
      child.kill('SIGKILL');
      throw new Error(`simulate did not listen within ${START_MS} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const ports = JSON.parse(readFileSync(ready, 'utf8')) as { pid: number; sshPort: number | null; consolePort: number | null };
  rmSync(ready, { force: true });
  return {
    pid: ports.pid,
    sshPort: ports.sshPort,
    consolePort: ports.consolePort,
    output: () => out,
    powerOff: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
