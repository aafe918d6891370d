import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ssh2 } from '../../transports/ssh2-library.js';
import { connectTwin } from './twin-transport.js';
import type { Scenario } from './scenario-files.js';
import type { TwinRouter } from './twin-router.js';

export interface TwinSshServerOptions {
  scenario: Scenario;
  port: number;
  /** PEM/OpenSSH private host key; a fresh ed25519 key is generated when absent. */
  hostKey?: string | Buffer;
  log?: (line: string) => void;
  /** Which SSH authentication methods to offer (both by default, as RTX firmware does). */
  authMethods?: ('password' | 'keyboard-interactive')[];
  /** The router the sessions are on, shared with its Telnet server; by default each session is a fresh twin. */
  router?: TwinRouter;
  /** The address to listen on (default 127.0.0.1; a test's network namespace gives the router's address). */
  host?: string;
}

/**
 * ssh2's own generator emits an ed25519 key it cannot parse back about once in 400 runs (it failed a
 * CI run), so keep only a key that ssh2 accepts.
 */
export function freshHostKey(): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { utils } = ssh2();
    const key = utils.generateKeyPairSync('ed25519').private;
    if (!(utils.parseKey(key) instanceof Error)) return key;
  }
  throw new Error('could not generate an SSH host key that ssh2 can parse; pass one with --host-key FILE');
}

/**
 * The twin over SSH, like an RTX with `sshd service on`: password (the scenario's login password) or
 * keyboard-interactive login, then an interactive PTY shell. There is no exec channel, as on a real RTX.
 */
export async function serveTwinOverSsh(opts: TwinSshServerOptions): Promise<{ port: number; close(): Promise<void> }> {
  const hostKey = opts.hostKey ?? freshHostKey();
  const log = opts.log ?? (() => undefined);
  const { loginUser, loginPassword } = opts.scenario.console;
  const user = loginUser ?? 'admin';
  const methods = opts.authMethods ?? ['password', 'keyboard-interactive'];

  const server = new (ssh2().Server)({ hostKeys: [hostKey] }, (client) => {
    client.on('authentication', (ctx) => {
      if (ctx.username !== user || !(methods as string[]).includes(ctx.method)) return ctx.reject(methods);
      if (ctx.method === 'password') return ctx.password === loginPassword ? ctx.accept() : ctx.reject(methods);
      if (ctx.method === 'keyboard-interactive') {
        return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => (answers[0] === loginPassword ? ctx.accept() : ctx.reject(methods)));
      }
      return ctx.reject(methods);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (acceptPty) => acceptPty?.());
        session.on('exec', (_accept, reject) => {
          log('refused exec request (RTX has no exec channel)');
          reject?.();
        });
        session.on('shell', (acceptShell) => {
          const stream = acceptShell();
          const twin = opts.router ? opts.router.session() : connectTwin(opts.scenario);
          twin.onData((chunk) => stream.write(Buffer.from(chunk)));
          twin.onClose(() => stream.close());
          stream.on('data', (d: Buffer) => void twin.write(d));
          stream.on('close', () => void twin.close());
          // SSH already authenticated the user: the console greets logged in, as a real RTX does.
          twin.console.greetLoggedIn();
        });
      });
    });
    client.on('error', (err) => log(`client error: ${err.message}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function readHostKey(path: string): Buffer {
  return readFileSync(path);
}
