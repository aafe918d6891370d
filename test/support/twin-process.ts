import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './web-process.js';

/** How long node + tsx may take to start the twin on a loaded 2-core machine. */
const START_MS = 60_000;

/** `ipoe-doctor simulate …` from source as a child process, once its servers listen: the ports it wrote. */
export interface SimulateProcess {
  child: ChildProcess;
  ports: { pid: number; sshPort?: number | null; telnetPort?: number | null; consolePort?: number | null };
  output(): string;
}

/** Spawn `simulate <scenario> …` (under `wrap`, e.g. `ip netns exec`) and wait for its ready file. */
export async function spawnSimulate(scenario: string, args: string[], opts: { env?: Record<string, string>; wrap?: string[] } = {}): Promise<SimulateProcess> {
  const ready = join(mkdtempSync(join(tmpdir(), 'ipoe-twin-')), 'ready.json');
  const argv = [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'simulate', scenario, ...args];
  const [cmd, ...cmdArgs] = opts.wrap?.length ? [...opts.wrap, process.execPath, ...argv] : [process.execPath, ...argv];
  const child = spawn(cmd!, cmdArgs, {
    env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1', IPOE_DOCTOR_SIMULATE_READY: ready, ...opts.env },
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
  const ports = JSON.parse(readFileSync(ready, 'utf8')) as SimulateProcess['ports'];
  rmSync(ready, { force: true });
  return { child, ports, output: () => out };
}

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
  const { child, ports, output } = await spawnSimulate(scenario, args);
  return {
    pid: ports.pid,
    sshPort: ports.sshPort ?? null,
    consolePort: ports.consolePort ?? null,
    output,
    powerOff: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
