import * as asar from '@electron/asar';
import { Arch, Platform, build, type Configuration } from 'electron-builder';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../build/electron-builder.config.mjs';
import { installedElectron } from '../../build/electron-binary.mjs';
import { layoutOf, resourcesOf } from '../../main/paths.js';

// The offline packaging check. electron-builder itself lays out the app (its `dir` target: the files globs of
// build/electron-builder.config.mjs over `npm run build`'s dist/ plus the production node_modules it collects,
// asarUnpack, extraResources), and writes app.asar with @electron/asar, exactly as for the installers. What it
// cannot get here is the Electron binary; where none is installed, a stand-in folder takes the place of the
// Electron release, and nothing below looks at it: the checks are about resources/, which is all ours.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
const scenarioIds = readdirSync(join(root, 'main', 'simulator', 'scenarios'));
const arch = process.arch === 'arm64' ? 'arm64' : 'x64';

/** A stand-in for the Electron release: the executable and locale files electron-builder renames and prunes. */
function standInElectron(dir: string): string {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'));
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary (the packaging check never runs it)" >&2\nexit 1\n');
  chmodSync(join(dir, 'electron'), 0o755);
  for (const locale of ['en-US', 'ja', 'fr']) writeFileSync(join(dir, 'locales', `${locale}.pak`), '');
  return dir;
}

/** Paths inside app.asar, as forward-slash paths relative to the archive root. */
function asarEntries(archive: string): Set<string> {
  return new Set(asar.listPackage(archive, { isPack: false }).map((p) => p.split(sep).join(posix.sep).replace(/^\//, '')));
}

/**
 * Everything wrong with a packaged resources/ folder: the files the app needs, where it needs them, found by
 * the main process's own lookup (main/paths.ts) run against this layout. Empty when the package is whole.
 */
function packagedProblems(resourcesPath: string): string[] {
  const problems: string[] = [];
  const archive = join(resourcesPath, 'app.asar');
  if (!existsSync(archive)) return [`${archive} is missing`];
  asar.uncache(archive);
  const entries = asarEntries(archive);
  const appDir = join(resourcesPath, 'app.asar');
  const inAsar = (file: string): boolean => entries.has(relative(appDir, file).split(sep).join(posix.sep));
  const need = (ok: boolean, what: string): void => void (ok || problems.push(what));

  // The main entry as Electron finds it (package.json "main", inside the archive) is where the lookup starts.
  need(inAsar(join(appDir, 'package.json')), 'app.asar has no package.json');
  const main = join(appDir, ...pkg.main.split('/'));
  need(inAsar(main), `app.asar has no main entry ${pkg.main}`);
  const layout = layoutOf(dirname(main), resourcesPath, () => {
    throw new Error('the lookup did not recognise the packaged layout');
  });
  const res = resourcesOf(layout);
  need(layout.kind === 'packaged', 'the lookup took the package for a checkout');
  need(inAsar(res.packageJson), `package.json not found at ${res.packageJson}`);
  need(inAsar(res.preload), `preload not found at ${res.preload}`);
  need(inAsar(join(res.renderer, 'index.html')), `renderer not found at ${res.renderer}`);
  for (const lang of ['ja', 'en']) {
    const file = join(res.catalogs, `${lang}.json`);
    need(existsSync(file) && readFileSync(file, 'utf8') === readFileSync(join(root, 'shared', 'i18n', `${lang}.json`), 'utf8'), `catalog ${file} is missing or differs from shared/i18n`);
  }
  for (const id of scenarioIds) {
    for (const f of ['scenario.json', 'config.txt']) need(existsSync(join(res.scenarios, id, f)), `scenario file ${join(res.scenarios, id, f)} is missing`);
  }
  // What the main bundle imports at run time (build/bundle.mjs leaves packages external).
  for (const dep of Object.keys(pkg.dependencies)) need(entries.has(`node_modules/${dep}/package.json`), `dependency ${dep} is not in app.asar`);
  // serialport's native binding: real files beside the archive, and marked unpacked in it so Electron reads them there.
  const prebuilds = `node_modules/@serialport/bindings-cpp/prebuilds/linux-${arch}`;
  const bindings = [...entries].filter((e) => e.startsWith(`${prebuilds}/`) && e.endsWith('.node'));
  need(bindings.length > 0, `app.asar lists no serialport binding under ${prebuilds}`);
  for (const b of bindings) {
    need(existsSync(join(resourcesPath, 'app.asar.unpacked', ...b.split('/'))), `${b} is not in app.asar.unpacked`);
    need((asar.statFile(archive, b) as { unpacked?: boolean }).unpacked === true, `${b} is not marked unpacked in app.asar`);
  }
  return problems;
}

describe('the electron-builder configuration', () => {
  // Validated the way electron-builder validates it: its own scheme.json, with the ajv it ships with.
  const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
  const schema: unknown = JSON.parse(readFileSync(join(dirname(builderRequire.resolve('./package.json')), 'scheme.json'), 'utf8'));
  const { default: Ajv } = builderRequire('ajv') as { default: new (o: object) => { compile(s: unknown): ((d: unknown) => boolean) & { errors?: unknown[] } } };
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it("validates against electron-builder's own JSON schema", () => {
    const valid = validate(structuredClone(config));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('a misspelt option is rejected, so the check above can fail', () => {
    expect(validate({ ...config, nsis: { ...config.nsis, oneclick: false } })).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('oneclick');
  });

  it('names the targets, the unpacked serialport and the resources the issue asks for', () => {
    expect([config.linux?.target, config.win?.target, config.mac?.target]).toEqual([['AppImage', 'deb'], ['nsis'], ['dmg']]);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/@serialport/**']));
    expect(config.directories?.output).not.toBe('dist'); // dist/ holds the build output the app is made from
  });
});

describe('the packaged app (electron-builder dir target, offline)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ipoe-package-'));
  let resourcesPath = '';

  beforeAll(async () => {
    if (!existsSync(join(root, pkg.main))) throw new Error(`${pkg.main} is missing: run \`npm run build\` first`);
    const installed = installedElectron(root);
    const electronDist = installed.binary ? dirname(installed.binary) : standInElectron(join(tmp, 'electron'));
    const options: Configuration = { ...config, electronDist, directories: { ...config.directories, output: join(tmp, 'out') } };
    await build({ projectDir: root, targets: Platform.LINUX.createTarget('dir', Arch[arch]), config: options, publish: 'never' });
    resourcesPath = join(tmp, 'out', arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`, 'resources');
  }, 240_000);

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('holds every file the main process looks up, where it looks', () => {
    expect(packagedProblems(resourcesPath)).toEqual([]);
  });

  it('app.asar holds the main entry, preload and renderer, and no source maps, CLI bundle or renderer-only packages', () => {
    const entries = asarEntries(join(resourcesPath, 'app.asar'));
    expect(entries).toContain('dist/electron/main.mjs');
    expect(entries).toContain('dist/electron/preload.cjs');
    expect(entries).toContain('dist/renderer/index.html');
    expect([...entries].filter((e) => e.endsWith('.map') && !e.startsWith('node_modules/'))).toEqual([]);
    expect(entries).not.toContain('dist/cli.mjs');
    expect(entries).not.toContain('node_modules/react/package.json');
    expect(entries).not.toContain('node_modules/electron/package.json');
  });

  it('fails when a required file is left out of the package', () => {
    rmSync(join(resourcesPath, 'i18n', 'ja.json'));
    rmSync(join(resourcesPath, 'scenarios', scenarioIds[0]!), { recursive: true });
    const problems = packagedProblems(resourcesPath);
    expect(problems).toContainEqual(expect.stringMatching(/catalog .*ja\.json is missing/));
    expect(problems).toContainEqual(expect.stringContaining(`scenario file ${join(resourcesPath, 'scenarios', scenarioIds[0]!, 'scenario.json')} is missing`));
  });
});
