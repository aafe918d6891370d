import { defineConfig } from 'vitest/config';

// Lab cases for the Linux CE datapath (CLI and the wizard's Linux CE branch): they boot the provider lab's qemu
// VM (test/lab/lab.ts). `npm test` runs them after the other suites (IPOE_DOCTOR_SKIP_LAB=1 leaves them out).
//   npx vitest run --config test/lab-cases/vitest.config.ts
export default defineConfig({
  test: {
    name: 'lab-cases',
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/lab-cases/**/*.lab.test.ts'],
    // Lab work runs 4–5× slower on a loaded machine (test/lab/lab.ts measures it); nothing waits on these but a
    // failure, so they are long. Each wait inside a test is scaled by the VM's measured slowness.
    testTimeout: 1_200_000,
    hookTimeout: 1_200_000,
    fileParallelism: false,
    setupFiles: ['test/support/isolation.ts'],
    env: { IPOE_DOCTOR_FILES_SERIAL: '1' },
    pool: 'forks',
  },
});
