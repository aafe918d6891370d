// Bundles the Node side with esbuild: the CLI, the browser-mode server, and Electron's main and
// preload. Dependencies stay external (native serialport/ssh2 parts are loaded from node_modules).
import { build } from 'esbuild';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Node bundles read the i18n catalogs from the files they ship with (main/paths.ts readCatalog), not from
 * a copy compiled in: shared/i18n/catalogs.ts's JSON imports become calls that read shared/i18n/*.json in a
 * checkout or the npm package, and resources/i18n/*.json in the desktop app.
 */
const catalogsFromFiles = {
  name: 'catalogs-from-files',
  setup(b) {
    const catalogsModule = join(root, 'shared', 'i18n', 'catalogs.ts');
    b.onResolve({ filter: /\.json$/ }, (args) =>
      args.importer === catalogsModule ? { path: basename(args.path, '.json'), namespace: 'i18n-catalog' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'i18n-catalog' }, (args) => ({
      contents: `import { readCatalog } from ${JSON.stringify(join(root, 'main', 'paths.ts'))};\nexport default readCatalog(${JSON.stringify(args.path)});\n`,
      loader: 'ts',
      resolveDir: root,
    }));
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', packages: 'external', absWorkingDir: root };
const node = { ...common, plugins: [catalogsFromFiles] };

await Promise.all([
  build({ ...node, format: 'esm', entryPoints: { cli: 'main/cli/main.ts', web: 'main/web/main.ts' }, outdir: 'dist', outExtension: { '.js': '.mjs' } }),
  build({ ...node, format: 'esm', entryPoints: { main: 'main/electron/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.mjs' }, external: ['electron'] }),
  // Sandboxed preloads must be a single CommonJS file that requires nothing but `electron`.
  build({ ...common, packages: undefined, format: 'cjs', entryPoints: { preload: 'main/electron/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, external: ['electron'] }),
]);
