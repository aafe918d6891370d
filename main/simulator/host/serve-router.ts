import { serveTwinOverSsh } from './serve-ssh.js';
import { serveTwinOverTelnet } from './serve-telnet.js';
import type { Scenario } from './scenario-files.js';
import { TwinRouter } from './twin-router.js';

export interface TwinRouterServerOptions {
  scenario: Scenario;
  telnetPort: number;
  /** The router's SSH server is on from the start, listening here (otherwise it answers once its config turns it on). */
  sshPort?: number;
  hostKey?: string | Buffer;
  host?: string;
  log?: (line: string) => void;
}

export interface TwinRouterServer {
  router: TwinRouter;
  telnetPort: number;
  /** Where SSH answers now, or null while the router's SSH server is off. */
  sshPort(): number | null;
  close(): Promise<void>;
}

/**
 * A simulated router on the network, as a factory RTX is: Telnet answers; SSH answers only while the config has
 * `sshd service on` and a host key (on `sshd listen`, default 22), so turning SSH on over Telnet really makes it
 * answer, and turning it off really stops it.
 */
export async function serveTwinRouter(opts: TwinRouterServerOptions): Promise<TwinRouterServer> {
  const log = opts.log ?? (() => undefined);
  const router = new TwinRouter(opts.scenario);
  if (opts.sshPort !== undefined) {
    router.preset(['sshd host key generate', 'sshd service on', ...(opts.sshPort !== 22 ? [`sshd listen ${opts.sshPort}`] : [])]);
  }
  const telnet = await serveTwinOverTelnet({ router, port: opts.telnetPort, ...(opts.host ? { host: opts.host } : {}), log });
  let ssh: { port: number; close(): Promise<void> } | null = null;
  let wanted: number | null = null;
  // Changes arrive one command at a time; bring the SSH server in line with the latest, one step at a time.
  let work = Promise.resolve();
  const follow = () => {
    work = work.then(async () => {
      const s = router.access().ssh;
      const next = s.answers ? s.port : null;
      if (next === wanted) return;
      wanted = next;
      if (ssh) {
        await ssh.close();
        ssh = null;
        log('SSH server stopped');
      }
      if (next !== null) {
        ssh = await serveTwinOverSsh({ scenario: opts.scenario, router, port: next, ...(opts.hostKey ? { hostKey: opts.hostKey } : {}), ...(opts.host ? { host: opts.host } : {}), log });
        log(`SSH server answering on port ${ssh.port}`);
      }
    }).catch((err: Error) => log(`SSH server: ${err.message}`));
  };
  const off = router.onChange(follow);
  follow();
  await work;
  return {
    router,
    telnetPort: telnet.port,
    sshPort: () => ssh?.port ?? null,
    async close() {
      off();
      await work;
      await Promise.all([telnet.close(), ssh?.close()]);
    },
  };
}
