import { defineConfig } from 'vitest/config';

// The provider lab (issue 7): boots qemu VMs. `npm test` runs it after the other suites (build/run-tests.mjs).
//   npx vitest run --config test/lab/vitest.lab.config.ts
export default defineConfig({
  test: {
    name: 'lab',
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/lab/**/*.test.ts'],
    // See test/lab-cases/vitest.config.ts: waits inside a test follow the VM's measured slowness.
    testTimeout: 1_200_000,
    hookTimeout: 1_200_000,
    fileParallelism: false,
    setupFiles: ['test/support/isolation.ts'],
    env: { IPOE_DOCTOR_FILES_SERIAL: '1' },
    pool: 'forks',
  },
});
