import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The path functions used here; tests pass path.win32 or path.posix to check each platform's paths on any host. */
export type PathApi = Pick<typeof path, 'join' | 'dirname' | 'relative' | 'isAbsolute'>;

/**
 * Where the app's files are. A checkout and the installed npm package share one shape (package.json at the
 * root, bundles in dist/); an installed desktop app keeps its code in resources/app.asar and the files it reads
 * at run time beside it (electron-builder's extraResources, see build/electron-builder.config.mjs).
 */
export type AppLayout = { kind: 'checkout'; root: string } | { kind: 'packaged'; resourcesPath: string; appDir: string };

/** Every file or folder the main process, the browser-mode server and the CLI read at run time. */
export interface AppResources {
  packageJson: string;
  /** The built UI: index.html and its assets. */
  renderer: string;
  preload: string;
  /** The RTX digital twin's scenarios, one folder each. */
  scenarios: string;
  /** The i18n catalogs, ja.json and en.json. */
  catalogs: string;
}

export function resourcesOf(layout: AppLayout, p: PathApi = path): AppResources {
  const code = layout.kind === 'packaged' ? layout.appDir : layout.root;
  return {
    packageJson: p.join(code, 'package.json'),
    renderer: p.join(code, 'dist', 'renderer'),
    preload: p.join(code, 'dist', 'electron', 'preload.cjs'),
    ...(layout.kind === 'packaged'
      ? { scenarios: p.join(layout.resourcesPath, 'scenarios'), catalogs: p.join(layout.resourcesPath, 'i18n') }
      : { scenarios: p.join(layout.root, 'main', 'simulator', 'scenarios'), catalogs: p.join(layout.root, 'shared', 'i18n') }),
  };
}

function isInside(dir: string, file: string, p: PathApi): boolean {
  const rel = p.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !p.isAbsolute(rel));
}

/**
 * The layout the code at `moduleDir` runs in. Electron sets process.resourcesPath both in an installed app and
 * under `electron .` in a checkout (then it points into node_modules/electron), so what decides is whether
 * the code itself lies in resources/app.asar (or resources/app when packed without asar).
 */
export function layoutOf(
  moduleDir: string,
  resourcesPath: string | undefined,
  findRoot: (from: string) => string,
  p: PathApi = path,
): AppLayout {
  if (resourcesPath) {
    for (const name of ['app.asar', 'app']) {
      const appDir = p.join(resourcesPath, name);
      if (isInside(appDir, moduleDir, p)) return { kind: 'packaged', resourcesPath, appDir };
    }
  }
  return { kind: 'checkout', root: findRoot(moduleDir) };
}

/**
 * The nearest folder at or above `from` whose package.json is this app's. The same walk works from sources
 * (main/…), from the bundles (dist/…) and from the npm package installed anywhere.
 */
export function findCheckoutRoot(from: string, readText: (file: string) => string | undefined, p: PathApi = path): string {
  for (let dir = from; ; dir = p.dirname(dir)) {
    const pkg = readText(p.join(dir, 'package.json'));
    if (pkg !== undefined && (JSON.parse(pkg) as { name?: unknown }).name === 'ipoe-doctor') return dir;
    if (p.dirname(dir) === dir) throw new Error(`cannot find IPoE Doctor's package.json above ${from} (set IPOE_DOCTOR_ROOT to the folder that holds it)`);
  }
}

const readIfExists = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

let cached: AppResources | null = null;

/** This process's resources. IPOE_DOCTOR_ROOT names a checkout and wins (tests, unusual installs). */
export function appResources(): AppResources {
  if (cached) return cached;
  const override = process.env.IPOE_DOCTOR_ROOT;
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  const layout: AppLayout = override
    ? { kind: 'checkout', root: override }
    : layoutOf(path.dirname(fileURLToPath(import.meta.url)), resourcesPath, (from) => findCheckoutRoot(from, readIfExists));
  return (cached = resourcesOf(layout));
}

/**
 * One i18n catalog read from the shipped files. The Node bundles (build/bundle.mjs) load the catalogs through
 * this, so the CLI, the browser-mode server and the desktop app all read the catalogs they ship with.
 */
export function readCatalog(lang: string): unknown {
  const file = path.join(appResources().catalogs, `${lang}.json`);
  if (!existsSync(file)) throw new Error(`the ${lang} message catalog is missing: ${file} (the installation is incomplete; reinstall IPoE Doctor)`);
  return JSON.parse(readFileSync(file, 'utf8'));
}
