import { spawn } from 'node:child_process';
import { TransportError, TransportEvents, transportFrom, type Transport } from './transport.js';

/**
 * A local `sh` with pipes (no terminal): the wire for Linux CE mode on this machine. Commands are
 * driven by LinuxShellSession, which frames each one with an end marker and its exit status.
 */
export function openLocalShell(opts: { shell?: string; env?: Record<string, string> } = {}): Transport {
  const child = spawn(opts.shell ?? '/bin/sh', [], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C', ...opts.env },
  });
  const events = new TransportEvents();
  child.stdout.on('data', (d: Buffer) => events.emitData(d));
  // stderr is merged into the same stream, as a terminal would show it.
  child.stderr.on('data', (d: Buffer) => events.emitData(d));
  child.on('exit', (code, signal) =>
    events.emitClose(code === 0 || signal === 'SIGTERM' ? null : new TransportError('shell-exited', `the local shell exited (${signal ?? code})`)),
  );
  child.on('error', (err) => events.emitClose(new TransportError('shell-failed', `cannot start ${opts.shell ?? '/bin/sh'}: ${err.message}`)));
  return transportFrom(events, {
    label: 'local shell',
    bytesPerSecond: null,
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        if (events.closed || !child.stdin.writable) return reject(new TransportError('shell-exited', 'the local shell is gone'));
        child.stdin.write(typeof data === 'string' ? data : Buffer.from(data), (err) => (err ? reject(err) : resolve()));
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          events.emitClose(null);
          return resolve();
        }
        child.once('exit', () => resolve());
        child.stdin.end();
        // A shell stuck in a command gets a firm nudge.
        setTimeout(() => child.kill('SIGTERM'), 2000).unref();
      }),
  });
}
