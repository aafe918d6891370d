import { defineConfig } from 'vitest/config';

// Lab cases for the Linux CE datapath (CLI and the wizard's Linux CE branch): they boot the provider lab's qemu
// VM (test/lab/lab.ts). `npm test` runs them after the other suites (IPOE_DOCTOR_SKIP_LAB=1 leaves them out).
//   npx vitest run --config test/lab-cases/vitest.config.ts
export default defineConfig({
  test: {
    name: 'lab-cases',
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/lab-cases/**/*.lab.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 400_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
