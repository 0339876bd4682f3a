import { defineConfig } from 'vitest/config';

// End to end: real server processes on PostgreSQL, real Chromium through playwright-core.
export default defineConfig({
  resolve: { conditions: ['@hidden-key/source'] },
  ssr: { resolve: { conditions: ['@hidden-key/source'] } },
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/build-embeds-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
