import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the app keeps its own files (known SSH host keys, config backups, reports).
 * IPOE_DOCTOR_DATA_DIR wins (tests, portable use); Electron sets it to app.getPath('userData').
 */
export function dataDir(): string {
  const dir =
    process.env.IPOE_DOCTOR_DATA_DIR ??
    (process.platform === 'win32'
      ? join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'IPoE Doctor')
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support', 'IPoE Doctor')
        : join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ipoe-doctor'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
