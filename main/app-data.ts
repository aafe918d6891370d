import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { PathApi } from './paths.js';

/**
 * The per-user folder for this platform's conventions: %APPDATA% on Windows, Application Support on macOS,
 * $XDG_CONFIG_HOME elsewhere. On Windows and macOS this is the folder the desktop app gets as its userData
 * (Electron names it after productName), so there the CLI and the app share known hosts and backups.
 */
export function dataDirFor(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  home: string,
  p: Pick<PathApi, 'join'> = platform === 'win32' ? path.win32 : path.posix,
): string {
  if (env.IPOE_DOCTOR_DATA_DIR) return env.IPOE_DOCTOR_DATA_DIR;
  if (platform === 'win32') return p.join(env.APPDATA || p.join(home, 'AppData', 'Roaming'), 'IPoE Doctor');
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', 'IPoE Doctor');
  return p.join(env.XDG_CONFIG_HOME || p.join(home, '.config'), 'ipoe-doctor');
}

/**
 * Where the app keeps its own files (known SSH host keys, config backups, reports).
 * IPOE_DOCTOR_DATA_DIR wins (tests, portable use); Electron sets it to app.getPath('userData').
 */
export function dataDir(): string {
  const dir = dataDirFor(process.platform, process.env, homedir());
  // The mode keeps other users out on POSIX; Windows ignores it (the profile folder is already private).
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
