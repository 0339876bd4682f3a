import { defineConfig } from 'tsup';

// The library for bundler users and Node (SSR, test runners): ESM + types, with Lit, zod and
// nanostores left external. Pragmatic drag and drop is bundled in: its files are extensionless ESM
// in a package without "type" or "exports", which Node cannot import (ERR_UNSUPPORTED_DIR_IMPORT).
// The self-contained embeds are built separately by scripts/build-embed.mjs.
export default defineConfig({
  entry: ['src/index.ts', 'src/*/*.define.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2022',
  noExternal: [/^@atlaskit\/pragmatic-drag-and-drop(\/|$)/, /^bind-event-listener$/, /^raf-schd$/],
});
