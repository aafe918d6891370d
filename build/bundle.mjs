// Bundles the Node side with esbuild: the CLI, the browser-mode server, and Electron's main and
// preload. Dependencies stay external (native serialport/ssh2 parts are loaded from node_modules).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', packages: 'external' };

await Promise.all([
  build({ ...common, format: 'esm', entryPoints: { cli: 'main/cli/main.ts', web: 'main/web/main.ts' }, outdir: 'dist', outExtension: { '.js': '.mjs' } }),
  build({ ...common, format: 'esm', entryPoints: { main: 'main/electron/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.mjs' }, external: ['electron'] }),
  // Sandboxed preloads must be a single CommonJS file that requires nothing but `electron`.
  build({ ...common, packages: undefined, format: 'cjs', entryPoints: { preload: 'main/electron/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, external: ['electron'] }),
]);
