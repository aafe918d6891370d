import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

export interface WebProcess {
  url: string;
  origin: string;
  port: number;
  token: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** How long the server may take to end after SIGTERM (it exits within 3 s by itself, however busy its sessions). */
const STOP_WAIT_MS = 15_000;

/** Start the real browser-mode server (the built bundle) as a separate process. */
export async function startWebProcess(env: Record<string, string> = {}, prefix: string[] = []): Promise<WebProcess> {
  // `prefix` runs it under another command, e.g. `ip netns exec <pc>` to serve from a test's network namespace.
  const [cmd, ...args] = [...prefix, process.execPath, join(repoRoot, 'dist', 'web.mjs'), '--no-open'];
  const child = spawn(cmd!, args, {
    cwd: repoRoot,
    // The connect screen looks at the PC's gateways only when asked: a test contacts only what it made itself.
    env: { ...process.env, IPOE_DOCTOR_DISCOVERY: 'manual', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web server did not start:\n${out}`)), 20_000);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`web server exited with ${code}:\n${out}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: new URLSearchParams(parsed.hash.slice(1)).get('token')!,
    child,
    output: () => out,
    // A server that does not end on SIGTERM is a defect of the server (Ctrl-C would hang for a user): it is killed
    // and the test fails naming it, instead of waiting until the test's own timeout.
    stop: () =>
      new Promise<void>((resolve, reject) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`the browser-mode server did not exit within ${STOP_WAIT_MS / 1000} s of SIGTERM (killed); its output:\n${out}`));
        }, STOP_WAIT_MS);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
