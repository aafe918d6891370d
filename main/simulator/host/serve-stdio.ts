import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { connectTwin } from './twin-transport.js';
import type { Scenario } from './scenario-files.js';
import { RouterState } from '../twin/router-state.js';
import { StateDir } from './state-dir.js';

/**
 * The twin on this process's stdin/stdout, so socat can turn it into a serial device (or sshd run it as a
 * forced command). Output is paced like a serial line; resolves when the input ends or on SIGTERM.
 */
export async function serveTwinOverStdio(
  scenario: Scenario,
  opts: { bytesPerSecond: number | null; loggedIn: boolean; greet?: boolean; stateDir?: string },
): Promise<void> {
  // With a state dir the router boots from its saved config: each start is a power cycle.
  const router = opts.stateDir ? new RouterState(scenario, { memory: new StateDir(opts.stateDir, scenario) }) : undefined;
  // As a Telnet server's login program (--greet) the twin greets at once and hangs up at logout, as the router's own Telnet server does.
  const twin = connectTwin(scenario, { bytesPerSecond: opts.bytesPerSecond, ...(router ? { router } : {}), ...(opts.greet ? { hangUpOnLogout: true } : {}) });
  const stdin = process.stdin;
  // Under a pty (e.g. an sshd forced command) the terminal must not echo or buffer lines: the twin does that.
  if (stdin.isTTY) stdin.setRawMode(true);
  twin.onData((chunk) => process.stdout.write(chunk));
  // For benchmarks behind socat: what went over the line, kept current in a file (bytes out = what a reader read).
  const stats = process.env.IPOE_DOCTOR_SIMULATE_STATS;
  if (stats) {
    const count = { bytesOut: 0, bytesIn: 0 };
    let pending: NodeJS.Timeout | null = null;
    const flush = (): void => {
      pending = null;
      writeFileSync(stats, `${JSON.stringify(count)}\n`);
    };
    const later = (): void => void (pending ??= setTimeout(flush, 50));
    twin.onData((chunk) => ((count.bytesOut += chunk.length), later()));
    stdin.on('data', (d: Buffer) => ((count.bytesIn += d.length), later()));
    flush();
  }
  // Behind sshd (a forced command) the user has already authenticated, as on an RTX reached by SSH.
  if (opts.loggedIn) twin.console.greetLoggedIn();
  if (opts.greet) twin.console.greetLogin();
  stdin.on('data', (d: Buffer) => void twin.write(d).catch(() => undefined));
  // SIGUSR1 puts a burst of line noise on the wire, as a loose connector or a wrong-speed device would.
  process.on('SIGUSR1', () => process.stdout.write(randomBytes(512)));
  // Listening for the end before saying ready: whoever reads the ready file may stop the twin at once.
  const ended = new Promise<void>((resolve) => {
    twin.onClose(() => resolve());
    stdin.once('end', resolve);
    process.once('SIGTERM', resolve);
  });
  // For scripts and tests behind socat: say when the twin reads its line (node start-up under load takes seconds).
  const ready = process.env.IPOE_DOCTOR_SIMULATE_READY;
  if (ready) writeFileSync(ready, `${process.pid}\n`);
  await ended;
  // A stdin still read would keep the process alive after SIGTERM (its handler replaces Node's own exit).
  stdin.destroy();
  await twin.close();
}
