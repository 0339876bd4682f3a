import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@hidden-key/source'] },
  ssr: { resolve: { conditions: ['@hidden-key/source'] } },
  // Training and CLI runs take seconds, more on a busy shared machine; no test asserts a duration.
  test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
