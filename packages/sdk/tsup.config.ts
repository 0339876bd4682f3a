import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * src/version.ts reads package.json; unbundled output would keep that JSON import, which Node
 * refuses without an import attribute, so the build writes the version in as a literal.
 */
const inlineVersion: Plugin = {
  name: 'inline-version',
  setup(build) {
    const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));
    build.onLoad({ filter: /[\\/]src[\\/]version\.ts$/ }, () => ({
      contents: `export const SDK_VERSION: string = ${JSON.stringify(version)};\n`,
      loader: 'ts',
    }));
  },
};

export default defineConfig([
  {
    // One output file per source file, as the source is laid out: with `sideEffects: false` a
    // user's bundler then drops whole modules that are not imported (the schemas, the rules of
    // the analyses nobody calls). Bundled entries defeat that, since zod's schema constructors
    // at module level cannot be proven pure. The declarations are laid out the same way, by tsc
    // (tsconfig.build.json, after this build): bundling them merged `import * as contract` into a
    // namespace that declared the type-only `ZodOfObject` as a value (TS2693 in every consumer).
    entry: ['src/**/*.ts', '!src/cli/**'],
    bundle: false,
    format: ['esm'],
    clean: true,
    target: 'es2022',
    esbuildPlugins: [inlineVersion],
  },
  {
    // The CLI is its own bundle: Node-only code stays out of what the library entries import.
    entry: { cli: 'src/cli/index.ts' },
    format: ['esm'],
    target: 'es2022',
  },
]);
