import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Packing once for every test file: the tarballs are what a user downloads.
    globalSetup: ['./test/pack.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
