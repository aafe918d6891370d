import { TwinRouter } from './twin-router.js';
import type { Scenario } from './scenario-files.js';
import { serveTwinConsole } from './serve-console.js';
import { serveTwinOverSsh } from './serve-ssh.js';
import { StateDir } from './state-dir.js';

export interface TwinRouterHostOptions {
  scenario: Scenario;
  /** Where the router's memory lives (CONFIG0, the SSH host key): starting again with it is a power cycle. */
  stateDir?: string;
  /** SSH on this port (0 picks a free one). */
  sshPort?: number;
  /** The serial console, raw over TCP as a terminal server offers it, on this port. */
  consolePort?: number;
  /** An SSH host key to use instead of the state dir's (or a fresh one). */
  hostKey?: string | Buffer;
  /** Console pacing in bytes per second (null: none). */
  bytesPerSecond?: number | null;
  host?: string;
  log?: (line: string) => void;
}

export interface TwinRouterHost {
  router: TwinRouter;
  stateDir: StateDir | null;
  sshPort: number | null;
  consolePort: number | null;
  close(): Promise<void>;
}

/**
 * One simulated router reached over several connections (SSH shells, its serial console): every session is on
 * the same router state, so what one changes is in force for the next, and what was saved is what it boots with.
 * With a state dir the saved config and the host key outlive the process.
 */
export async function startTwinRouter(opts: TwinRouterHostOptions): Promise<TwinRouterHost> {
  const stateDir = opts.stateDir ? new StateDir(opts.stateDir, opts.scenario) : null;
  const router = new TwinRouter(opts.scenario, stateDir ? { memory: stateDir } : {});
  const log = opts.log ?? (() => undefined);
  if (router.state.bootCause === 'power-on') log(`power-on: the running config is the saved one from ${opts.stateDir}`);
  const servers: { close(): Promise<void> }[] = [];
  let sshPort: number | null = null;
  let consolePort: number | null = null;
  try {
    if (opts.sshPort !== undefined) {
      const hostKey = opts.hostKey ?? stateDir?.hostKey();
      const ssh = await serveTwinOverSsh({
        scenario: opts.scenario,
        port: opts.sshPort,
        router,
        log,
        ...(hostKey ? { hostKey } : {}),
        ...(opts.host ? { host: opts.host } : {}),
      });
      servers.push(ssh);
      sshPort = ssh.port;
    }
    if (opts.consolePort !== undefined) {
      const console = await serveTwinConsole({
        scenario: opts.scenario,
        router,
        port: opts.consolePort,
        bytesPerSecond: opts.bytesPerSecond ?? null,
        log,
        ...(opts.host ? { host: opts.host } : {}),
      });
      servers.push(console);
      consolePort = console.port;
    }
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }
  return {
    router,
    stateDir,
    sshPort,
    consolePort,
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
