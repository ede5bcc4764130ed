import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Component tests (*.test.tsx) run in jsdom: each file says so with a `// @vitest-environment jsdom` comment.
    include: ['{shared,hub,main,renderer,bench}/**/*.test.ts', 'renderer/**/*.test.tsx'],
    environment: 'node',
    globalSetup: ['hub/test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Hub tests start real servers and SQLite files; two workers fit this 2-core machine.
    maxWorkers: 2,
  },
});
