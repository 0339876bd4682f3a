import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@hidden-key/source'] },
  ssr: { resolve: { conditions: ['@hidden-key/source'] } },
  test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'] },
});
