import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { durableWrite } from '../../durable-file.js';
import type { RouterMemory } from '../twin/router-state.js';
import type { Scenario } from './scenario-files.js';
import { freshHostKey } from './serve-ssh.js';

/** What `simulate --state-dir D` keeps in D: the router it is, its saved config and its SSH host key. */
const FILES = { router: 'router.json', config: 'config0.txt', hostKey: 'ssh_host_ed25519_key' } as const;

export class StateDirError extends Error {
  override name = 'StateDirError';
}

/**
 * The router's memory as files: CONFIG0 and the SSH host key survive the process, so starting again with the
 * same directory is a power cycle (the running config comes back from the saved one). Writes go to a temporary
 * file that is fsync'd and renamed over the old one, so a process killed mid-write leaves the old file or the
 * new one, never half of either.
 */
export class StateDir implements RouterMemory {
  readonly poweredOnBefore: boolean;

  constructor(
    readonly dir: string,
    scenario: Scenario,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const marker = join(dir, FILES.router);
    if (existsSync(marker)) {
      const kept = JSON.parse(readFileSync(marker, 'utf8')) as { scenario?: string };
      if (kept.scenario !== scenario.id) {
        throw new StateDirError(`${dir} holds the router of scenario "${kept.scenario}", not "${scenario.id}": use another --state-dir`);
      }
      this.poweredOnBefore = true;
    } else {
      durableWrite(marker, JSON.stringify({ scenario: scenario.id, model: scenario.device.model, serial: scenario.device.serial }) + '\n');
      this.poweredOnBefore = false;
    }
  }

  readSaved(): string | null {
    const file = join(this.dir, FILES.config);
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  }

  writeSaved(config: string): void {
    durableWrite(join(this.dir, FILES.config), config);
  }

  /** The router's SSH host key: made once, then the same at every power-on (clients keep trusting it). */
  hostKey(): string {
    const file = join(this.dir, FILES.hostKey);
    if (existsSync(file)) return readFileSync(file, 'utf8');
    const key = freshHostKey();
    durableWrite(file, key);
    return key;
  }

  /** Where CONFIG0 lives (tests watch it to cut the power right after a save reached the flash). */
  get configFile(): string {
    return join(this.dir, FILES.config);
  }
}
