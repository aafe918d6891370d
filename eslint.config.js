import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Layering (see ARCHITECTURE.md): shared/ is pure, renderer/ reaches the core only through shared/ipc.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto', 'stream', 'url', 'events'];
const notElectron = { group: ['electron'], message: 'only main/electron may import electron' };
const notRenderer = { group: ['**/renderer/**'], message: 'main/ must not import the renderer' };
// Production code reaches the demo only as a Transport (main/simulator/demo.ts), never the twin or its host.
const onlyTheDemo = { group: ['**/simulator/twin/**', '**/simulator/host/**'], message: 'reach the demo through main/simulator/demo.ts (a Transport)' };
// ssh2 reads `crypto` when it loads: main/transports/ssh2-library.ts puts the DH group fix in place first (Electron).
const ssh2Lazily = { name: 'ssh2', allowTypeImports: true, message: 'load ssh2 through ssh2() from main/transports/ssh2-library.ts (its DH group fix must come first)' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'docs/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '../../main/*', '../main/*'], message: 'shared/ must not import from main/' },
            { group: ['**/renderer/**'], message: 'shared/ must not import from renderer/' },
            { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node APIs' },
            { group: ['electron', 'react', 'react-dom', 'ssh2', 'serialport', 'ws'], message: 'shared/ must stay runtime-neutral' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'window', 'document', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**'], message: 'the renderer reaches the core only through the ApiClient (shared/ipc)' },
            { group: [...nodeBuiltins, 'electron', 'ssh2', 'serialport', 'ws'], message: 'the renderer runs in a sandboxed browser context' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**', 'main/web/**', 'main/simulator/**', 'main/cli/commands/simulate.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [ssh2Lazily], patterns: [notElectron, notRenderer, onlyTheDemo] }],
    },
  },
  {
    // `ipoe-doctor simulate` runs the twin's host (stdio, SSH); it never touches the twin itself.
    files: ['main/cli/commands/simulate.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [ssh2Lazily], patterns: [notElectron, notRenderer, { group: ['**/simulator/twin/**'], message: 'simulate runs the host, which runs the twin' }] }],
    },
  },
  {
    files: ['main/electron/**/*.ts', 'main/web/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ssh2Lazily], patterns: [onlyTheDemo] }] },
  },
  {
    // The twin's Node host (timers, pacing, SSH, stdio, scenario files) and the demo it offers the app.
    files: ['main/simulator/**/*.ts'],
    ignores: ['main/simulator/twin/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [ssh2Lazily], patterns: [notElectron, notRenderer] }] },
  },
  {
    // The twin itself is pure console, world and renderers: what it needs from a platform, the host gives it.
    files: ['main/simulator/twin/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            notElectron,
            notRenderer,
            { group: [...nodeBuiltins, 'iconv-lite', 'ssh2', 'serialport', 'ws'], message: 'the twin is pure: its Node host (main/simulator/host) does I/O and timers' },
            { group: ['**/simulator/host/**', '**/simulator/demo*', '**/transports/**', '**/devices/**', '**/services/**'], message: 'the twin is pure: it knows no host' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', 'setTimeout', 'setInterval', 'setImmediate'],
    },
  },
);
