import { defineConfig } from 'vitest/config';

/** End-to-end: real hub processes and headless Chromium, one file at a time (two cores, several browsers each). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
