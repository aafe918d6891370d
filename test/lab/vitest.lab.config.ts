import { defineConfig } from 'vitest/config';

// The provider lab (issue 7): boots qemu VMs. `npm test` runs it after the other suites (build/run-tests.mjs).
//   npx vitest run --config test/lab/vitest.lab.config.ts
export default defineConfig({
  test: {
    name: 'lab',
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/lab/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
