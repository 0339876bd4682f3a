import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@hidden-key/source'] },
  ssr: { resolve: { conditions: ['@hidden-key/source'] } },
  // Property tests run thousands of generated cases; no test asserts a duration, so allow slow machines.
  test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'], testTimeout: 60_000 },
});
