import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The server imports the sdk, so the sdk cannot depend on the server package without a cycle in
 * the build graph; the client's tests reach the server's source through this alias instead.
 */
const serverSource = fileURLToPath(new URL('../server/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: { conditions: ['@hidden-key/source'], alias: { '@hidden-key/server': serverSource } },
  ssr: { resolve: { conditions: ['@hidden-key/source'] } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['test/client/support/postgres-global-setup.ts'],
    // Property tests run thousands of generated cases; no test asserts a duration, so allow slow machines.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Files share their worker's module cache: importing the client and the server's app afresh for
    // each file cost a sixth of the suite's time. Each file starts and stops its own server.
    isolate: false,
  },
});
