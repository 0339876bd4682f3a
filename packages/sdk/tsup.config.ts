import { defineConfig } from 'tsup';

const libraryEntries = {
  index: 'src/index.ts',
  'schemas/index': 'src/schemas/index.ts',
  'analysis/index': 'src/analysis/index.ts',
};

export default defineConfig([
  {
    // One output file per source file, as the source is laid out: with `sideEffects: false` a
    // user's bundler then drops whole modules that are not imported (the schemas, the rules of
    // the analyses nobody calls). Bundled entries defeat that, since zod's schema constructors
    // at module level cannot be proven pure.
    entry: ['src/**/*.ts', '!src/cli/**'],
    bundle: false,
    format: ['esm'],
    dts: { entry: libraryEntries },
    clean: true,
    sourcemap: true,
    target: 'es2022',
  },
  {
    // The CLI is its own bundle: Node-only code stays out of what the library entries import.
    entry: { cli: 'src/cli/index.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'es2022',
  },
]);
