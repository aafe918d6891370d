// Where the electron npm package keeps its binary, shared by `npm start` and `npm run dist`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The installed Electron binary, or why there is none. The electron package downloads its binary on first
 * use and records it in node_modules/electron/path.txt; ELECTRON_OVERRIDE_DIST_PATH names another copy.
 */
export function installedElectron(root, env = process.env, platform = process.platform) {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(pkg)) return { problem: 'the electron package is not installed (run `npm ci`)' };
  let binary;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, platform === 'win32' ? 'electron.exe' : 'electron');
  } else {
    const pathFile = join(pkg, 'path.txt');
    if (!existsSync(pathFile)) return { problem: 'the Electron binary is not installed: node_modules/electron/path.txt is missing', notDownloaded: true };
    binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  }
  if (!existsSync(binary)) return { problem: `the Electron binary ${binary} is missing` };
  return { binary };
}
