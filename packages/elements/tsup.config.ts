import { defineConfig } from 'tsup';

// The library for bundler users: ESM + types, dependencies (Lit, zod, nanostores) left external.
// The self-contained embeds are built separately by scripts/build-embed.mjs.
export default defineConfig({
  entry: ['src/index.ts', 'src/*/*.define.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
