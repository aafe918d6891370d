import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './net.js';
import { repoRoot } from './web-process.js';

/** Debian's busybox-static carries telnetd. */
export function busyboxTelnetdAvailable(): boolean {
  try {
    return execFileSync('busybox', ['--list'], { encoding: 'utf8' }).split('\n').includes('telnetd');
  } catch {
    return false;
  }
}

/** How long node + tsx may take to start the twin on a loaded 2-core machine (a hang guard, not a wait). */
const START_MS = 60_000;

async function untilListening(port: number, host: string, alive: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (!alive()) throw new Error(`${what} exited before listening on ${host}:${port}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, host);
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (up) return;
    if (Date.now() - started > START_MS) throw new Error(`${what} did not listen on ${host}:${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Server {
  port: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/**
 * Debian's busybox telnetd on 127.0.0.1 with the twin as its login program (`-l`): each connection gets a real pty
 * whose far end is `ipoe-doctor simulate <scenario> --greet`, as a router's own Telnet server would greet.
 */
export async function startBusyboxTelnetd(scenario: string): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'ipoe-telnetd-'));
  const login = join(dir, 'twin-login.sh');
  // telnetd runs the login program with no arguments: a wrapper names the scenario. Run from source, never a stale build.
  writeFileSync(
    login,
    `#!/bin/sh\nexec env IPOE_DOCTOR_FROM_SOURCE=1 ${process.execPath} ${join(repoRoot, 'bin', 'ipoe-doctor.mjs')} simulate ${scenario} --baud 0 --greet\n`,
  );
  chmodSync(login, 0o755);
  const port = await freePort();
  const child = spawn('busybox', ['telnetd', '-F', '-K', '-p', String(port), '-b', '127.0.0.1', '-l', login, '-f', '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await untilListening(port, '127.0.0.1', () => child.exitCode === null, 'busybox telnetd');
  return { port, child, output: () => out, stop: stopper(child) };
}

export interface TwinRouterProcess extends Server {
  /** The SSH port when the router's SSH server was on from the start. */
  sshPort: number | null;
}

/** `ipoe-doctor simulate <scenario> --telnet-port 0 …` as its own process; resolves once it listens. */
export async function startTwinRouter(scenario: string, extraArgs: string[] = [], env: Record<string, string> = {}, wrap: string[] = []): Promise<TwinRouterProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'ipoe-twin-router-'));
  const ready = join(dir, 'ready.json');
  const args = [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'simulate', scenario, ...(extraArgs.includes('--telnet-port') ? [] : ['--telnet-port', '0']), ...extraArgs];
  const [cmd, ...cmdArgs] = wrap.length ? [...wrap, process.execPath, ...args] : [process.execPath, ...args];
  const child = spawn(cmd!, cmdArgs, {
    env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1', IPOE_DOCTOR_SIMULATE_READY: ready, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const started = Date.now();
  while (!existsSync(ready) || readFileSync(ready, 'utf8').trim() === '') {
    if (child.exitCode !== null) throw new Error(`simulate exited: ${out}`);
    if (Date.now() - started > START_MS) throw new Error(`simulate did not listen within ${START_MS} ms: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const ports = JSON.parse(readFileSync(ready, 'utf8')) as { telnetPort: number; sshPort: number | null };
  return { port: ports.telnetPort, sshPort: ports.sshPort, child, output: () => out, stop: stopper(child) };
}
