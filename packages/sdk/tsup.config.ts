import { defineConfig } from 'tsup';

const libraryEntries = {
  index: 'src/index.ts',
  'schemas/index': 'src/schemas/index.ts',
  'analysis/index': 'src/analysis/index.ts',
};

export default defineConfig({
  // The CLI is its own entry: Node-only code stays out of what the library entries import.
  entry: { ...libraryEntries, cli: 'src/cli/index.ts' },
  format: ['esm'],
  dts: { entry: libraryEntries },
  clean: true,
  target: 'es2022',
});
