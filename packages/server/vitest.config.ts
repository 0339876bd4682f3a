import { defineConfig } from 'vitest/config';

/**
 * The server is tested twice (`pnpm test` runs the projects in two processes at once,
 * scripts/test-projects.mjs): on PGlite (one in-memory database per test file, each a
 * copy of one migrated by the global setup) and on PostgreSQL (a fresh database created by the
 * global setup and dropped afterwards).
 *
 * Files share their worker's module cache (`isolate: false`): importing the app afresh for each of
 * 143 files was a third of the suite's time. Each file still opens its own database and app, and
 * closes what it started (a job worker left running would claim the next file's jobs).
 */
export default defineConfig({
  resolve: { conditions: ['@hidden-key/source'] },
  ssr: { resolve: { conditions: ['@hidden-key/source'] } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    isolate: false,
    projects: [
      // `*.pg.test.ts` need what one PGlite cannot give: concurrent connections, several processes.
      // The browser end-to-end tests run on PostgreSQL only, like a deployment; the rate limiter
      // does not touch the database, so one project is enough for it too.
      {
        extends: true,
        test: {
          name: 'pglite',
          globalSetup: ['test/pglite-global-setup.ts'],
          exclude: [
            '**/node_modules/**',
            '**/*.pg.test.ts',
            'test/e2e/**',
            'src/middleware/rate-limit.test.ts',
          ],
        },
      },
      { extends: true, test: { name: 'postgres', globalSetup: ['test/postgres-global-setup.ts'] } },
    ],
  },
});
