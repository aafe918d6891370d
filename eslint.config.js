import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Layering (see ARCHITECTURE.md): shared/ is pure, renderer/ reaches the core only through shared/ipc.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto', 'stream', 'url', 'events'];

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
    ignores: ['main/electron/**', 'main/web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron'], message: 'only main/electron may import electron' }, { group: ['**/renderer/**'], message: 'main/ must not import the renderer' }] },
      ],
    },
  },
);
