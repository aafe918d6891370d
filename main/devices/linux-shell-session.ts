import { randomBytes } from 'node:crypto';
import type { Transport } from '../transports/transport.js';

export interface ShellResult {
  command: string;
  output: string;
  exitCode: number;
  elapsedMs: number;
}

export class ShellSessionError extends Error {
  override name = 'ShellSessionError';
  constructor(
    readonly code: 'timeout' | 'disconnected' | 'busy' | 'cancelled',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs commands on a POSIX shell over any transport (local pipes or an SSH shell). Each command is
 * followed by a unique end marker carrying `$?`, so output and exit status are framed exactly even
 * when the command prints anything at all.
 */
export class LinuxShellSession {
  private buf = '';
  private waiter: (() => void) | null = null;
  private closed = false;
  private busy = false;
  private readonly nonce = randomBytes(6).toString('hex');

  constructor(private readonly transport: Transport) {
    transport.onData((chunk) => {
      this.buf += Buffer.from(chunk).toString('utf8');
      this.waiter?.();
    });
    transport.onClose(() => {
      this.closed = true;
      this.waiter?.();
    });
  }

  async run(command: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ShellResult> {
    if (this.busy) throw new ShellSessionError('busy', 'another command is still running in this shell');
    this.busy = true;
    const started = Date.now();
    const marker = `__IPOE_END_${this.nonce}_`;
    const endRe = new RegExp(`${marker}(\\d+)__\\n`);
    this.buf = '';
    try {
      // The command runs in a subshell-free group so `cd` and variables behave as typed; stdin is closed for it.
      await this.transport.write(`{ ${command}\n} </dev/null 2>&1; printf '\\n${marker}%d__\\n' "$?"\n`);
      const timeoutMs = opts.timeoutMs ?? 60_000;
      await new Promise<void>((resolve, reject) => {
        // What it printed so far says where it stuck (a prompt, a DNS wait, a half-made connection).
        const soFar = () => (this.buf.trim() ? `; its last output: ${JSON.stringify(this.buf.trim().slice(-400))}` : '; it printed nothing');
        const timer = setTimeout(() => done(new ShellSessionError('timeout', `"${command}" did not finish within ${timeoutMs} ms${soFar()}`)), timeoutMs);
        const onAbort = () => done(new ShellSessionError('cancelled', 'cancelled'));
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        const check = () => {
          if (endRe.test(this.buf)) done();
          else if (this.closed) done(new ShellSessionError('disconnected', 'the shell connection closed while a command was running'));
        };
        const done = (err?: Error) => {
          clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
          this.waiter = null;
          if (err) reject(err);
          else resolve();
        };
        this.waiter = check;
        check();
      });
      const m = endRe.exec(this.buf)!;
      // Drop the newline printf put before the marker.
      const output = this.buf.slice(0, m.index).replace(/\n$/, '');
      this.buf = this.buf.slice(m.index + m[0].length);
      return { command, output, exitCode: Number(m[1]), elapsedMs: Date.now() - started };
    } finally {
      this.busy = false;
    }
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
