/**
 * What an import of the SDK costs a user: the BUILT package (`dist/`, as `npm i` installs it) is
 * resolved through its package.json `exports` and `sideEffects` by a real bundler, minified and
 * gzipped. Both esbuild and Rollup measure it, because they tree-shake differently (Rollup drops
 * unused code inside modules, esbuild mostly whole modules).
 */
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { build } from 'esbuild';
import { rollup } from 'rollup';

export type Bundler = 'esbuild' | 'rollup';

export interface BundleSize {
  min: number;
  gzip: number;
}

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A scratch project whose `node_modules/@hidden-key/sdk` links to this package, so imports resolve
 * exactly as in a user's project (no `@hidden-key/source` condition, so `exports` points at
 * `dist/`); other packages (ky, openai) resolve from this package's own node_modules above it.
 */
function consumerProject(): string {
  const folder = join(packageRoot, 'node_modules/.cache/bundle-size-consumer');
  const link = join(folder, 'node_modules/@hidden-key/sdk');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(packageRoot, link, 'dir');
  return folder;
}

let consumer: string | undefined;

async function esbuildBundle(source: string, resolveDir: string): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents;
}

async function rollupBundle(source: string, resolveDir: string): Promise<Uint8Array> {
  const entry = join(resolveDir, 'entry.js');
  const bundle = await rollup({
    input: entry,
    onwarn: () => {},
    plugins: [
      {
        name: 'virtual-entry',
        resolveId: (id) => (id === entry ? id : null),
        load: (id) => (id === entry ? source : null),
      },
      nodeResolve({ browser: true }),
      commonjs(),
    ],
  });
  try {
    const { output } = await bundle.generate({
      format: 'es',
      plugins: [terser({ ecma: 2020, module: true })],
    });
    return new TextEncoder().encode(output[0].code);
  } finally {
    await bundle.close();
  }
}

/** Bundles `source` (an entry module, e.g. `export { irr } from '@hidden-key/sdk/analysis'`). */
export async function bundleSize(source: string, bundler: Bundler): Promise<BundleSize> {
  consumer ??= consumerProject();
  const code =
    bundler === 'esbuild' ? await esbuildBundle(source, consumer) : await rollupBundle(source, consumer);
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

/** The imports the bench and the size test measure, by name. */
export const sdkImports = {
  'core client (HiddenKeyCore)': `export { HiddenKeyCore } from '@hidden-key/sdk';`,
  'full client (HiddenKey)': `export { HiddenKey } from '@hidden-key/sdk';`,
  'irr only (/analysis)': `export { irr } from '@hidden-key/sdk/analysis';`,
  'analyzeRental (/analysis)': `export { analyzeRental } from '@hidden-key/sdk/analysis';`,
  'all of /analysis': `export * from '@hidden-key/sdk/analysis';`,
  verifyWebhook: `export { verifyWebhook } from '@hidden-key/sdk';`,
} as const;

/** The same-run baselines: the HTTP library the client is built on, and openai-node's client. */
export const baselineImports = {
  'ky (baseline)': `export { default } from 'ky';`,
  'openai-node (baseline)': `export { default } from 'openai';`,
} as const;

/** Budgets in gzip bytes (esbuild and Rollup alike); the size test enforces them in CI. */
export const sizeBudgets: Partial<Record<keyof typeof sdkImports, number>> = {
  'core client (HiddenKeyCore)': 11 * 1024,
  // zod's classic API and libphonenumber's metadata are most of it; the budget stops growth.
  'full client (HiddenKey)': 80 * 1024,
  'irr only (/analysis)': 1.5 * 1024,
  'analyzeRental (/analysis)': 4 * 1024,
  'all of /analysis': 6 * 1024,
  verifyWebhook: 6 * 1024,
};
