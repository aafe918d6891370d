#!/usr/bin/env node
// `npm start`: the Electron app where its binary can run, otherwise browser mode, saying why.
// `npm run start:web` (or --web) forces browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedElectron } from './electron-binary.mjs';
import { runNpmScript } from './npm-script.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const outputs = ['dist/web.mjs', 'dist/renderer/index.html', 'dist/electron/main.mjs', 'dist/electron/preload.cjs'].map((p) => join(root, p));
  const built = outputs.every((p) => existsSync(p)) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
  const sources = Math.max(...['main', 'shared', 'renderer'].map((d) => newestMtime(join(root, d))));
  if (built > sources) return;
  console.log('Building IPoE Doctor…');
  const r = runNpmScript(root, 'build');
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Why Electron cannot run here, or null when it can. */
function electronProblem() {
  const installed = installedElectron(root);
  if (installed.problem) {
    return installed.notDownloaded
      ? `${installed.problem} (the electron package downloads it on first use, and it has not been downloaded here). Where the internet can be reached, \`npx install-electron\` downloads it once`
      : installed.problem;
  }
  const { binary } = installed;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no graphical display ($DISPLAY and $WAYLAND_DISPLAY are not set)';
  }
  const probe = spawnSync(binary, ['--version'], { timeout: 15_000, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  if (probe.error || probe.status !== 0) return `the Electron binary does not run here (${probe.error?.message ?? probe.stderr?.trim() ?? `exit ${probe.status}`})`;
  return { binary };
}

ensureBuilt();
let reason = forceWeb ? 'browser mode was asked for (--web)' : null;
let electron = null;
if (!reason) {
  const problem = electronProblem();
  if (typeof problem === 'string') reason = problem;
  else electron = problem;
}

const child = electron
  ? spawn(electron.binary, [root, ...passThrough], { cwd: root, stdio: 'inherit' })
  : (console.log(`Starting in browser mode because ${reason}.`),
    spawn(process.execPath, [join(root, 'dist', 'web.mjs'), ...passThrough], { cwd: root, stdio: 'inherit' }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
