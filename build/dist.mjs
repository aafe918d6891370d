#!/usr/bin/env node
// `npm run dist [-- electron-builder flags]`: the installers for this platform (or the ones the flags name,
// e.g. --linux --win), into release/. electron-builder downloads the Electron release of every target and its
// packaging tools; where that download does not work this stops at once and says so, before building anything.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedElectron } from './electron-binary.mjs';
import { runNpmScript } from './npm-script.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Null when Electron can be had here; otherwise why not. */
function electronDownloadProblem() {
  const installed = installedElectron(root);
  if (!installed.problem) return null;
  if (!installed.notDownloaded) return installed.problem;
  // Never downloaded on this machine: try, with the electron package's own downloader (it honours
  // ELECTRON_MIRROR and the download cache, as electron-builder does).
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'));
  console.log(`Downloading Electron ${version}…`);
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  if (r.status === 0 && !installedElectron(root).problem) return null;
  const why = (r.error?.message ?? `${r.stderr}\n${r.stdout}`).split('\n').find((l) => l.trim() && !/^\s+at /.test(l)) ?? `exit ${r.status}`;
  return `the Electron download does not work here: ${installed.problem} and downloading Electron ${version} failed (${why.trim()})`;
}

const problem = electronDownloadProblem();
if (problem) {
  console.error(
    `npm run dist: cannot build the installers on this machine: ${problem}.\n` +
      'electron-builder needs the Electron release of every target platform and its packaging tools (NSIS, AppImage, deb), ' +
      'all downloaded from the Electron and electron-builder release sites (ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR name mirrors).\n' +
      'Build the installers where that download works. Here, `npx vitest run --project integration test/integration/packaging.test.ts` ' +
      'checks the configuration and the packaged layout offline.',
  );
  process.exit(1);
}

const built = runNpmScript(root, 'build');
if (built.status !== 0) process.exit(built.status ?? 1);
const cli = join(root, 'node_modules', 'electron-builder', 'cli.js');
const r = spawnSync(process.execPath, [cli, '--config', 'build/electron-builder.config.mjs', '--publish', 'never', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
