import { defineConfig } from 'vitest/config';

// Three projects, one runner: fast unit tests, integration tests over real ptys / sshd / processes,
// and end-to-end tests that drive Debian's Chromium through the browser-mode server.
export default defineConfig({
  test: {
    projects: [
      // A finding's tests sit beside it (shared/diagnosis/findings/<code>/<code>.test.ts).
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'shared/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
