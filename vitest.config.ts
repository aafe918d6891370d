import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Three projects, one runner: fast unit tests, integration tests over real ptys / sshd / processes,
// and end-to-end tests that drive Debian's Chromium through the browser-mode server.
export default defineConfig({
  test: {
    // Every file gets its own TMPDIR and data dir, and fails if it leaves a process, namespace or link behind.
    setupFiles: ['test/support/isolation.ts'],
    projects: [
      {
        extends: true,
        // Timeouts only catch a hang: CPU-bound tests (fuzzing, 10 MB parses) take 5× longer on a loaded 2-core
        // machine than idle, and speed targets live in bench/, not here.
        // A finding's tests sit beside it (shared/diagnosis/findings/<code>/<code>.test.ts).
        // Both cores: vitest's default (cores − 1) leaves one idle on a 2-core CI machine, and unit files wait on nothing
        // but the CPU (the suites run one at a time, so nothing else is timed beside them).
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'shared/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: Math.max(2, availableParallelism()),
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          env: { IPOE_DOCTOR_FILES_SERIAL: '1' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          env: { IPOE_DOCTOR_FILES_SERIAL: '1' },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
