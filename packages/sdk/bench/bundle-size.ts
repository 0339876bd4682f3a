/**
 * What an import of the SDK costs a user: the BUILT package (`dist/`, as `npm i` installs it) is
 * resolved through its package.json `exports` and `sideEffects` by a real bundler, minified and
 * gzipped. Both esbuild and Rollup measure it, because they tree-shake differently (Rollup drops
 * unused code inside modules, esbuild mostly whole modules).
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { build } from 'esbuild';
import { rollup } from 'rollup';

export type Bundler = 'esbuild' | 'rollup';

export interface BundleSize {
  /** What loads with the page: the entry chunk and the chunks it imports statically. */
  min: number;
  gzip: number;
  /** What loads later, through dynamic `import()` (each chunk gzipped on its own). */
  lazyGzip: number;
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

/** A bundle's chunks by name: their code, and the chunks each imports statically and dynamically. */
type Chunks = Map<string, { code: Uint8Array; imports: string[]; dynamicImports: string[] }>;

/**
 * Sizes the entry with what it imports statically (what loads with the page), and apart from it
 * what those reach through dynamic `import()`. Chunks nothing reaches (a bundler may emit the
 * target of an `import()` in code it then dropped) count for neither.
 */
function sizeOf(chunks: Chunks, entry: string): BundleSize {
  const closure = (starts: string[], follow: (name: string) => string[]) => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name) || !chunks.has(name)) return;
      seen.add(name);
      for (const next of follow(name)) visit(next);
    };
    for (const start of starts) visit(start);
    return seen;
  };
  const initial = closure([entry], (name) => chunks.get(name)!.imports);
  const later = closure(
    [...initial].flatMap((name) => chunks.get(name)!.dynamicImports),
    (name) => [...chunks.get(name)!.imports, ...chunks.get(name)!.dynamicImports],
  );
  const size = { min: 0, gzip: 0, lazyGzip: 0 };
  for (const [name, { code }] of chunks) {
    const gzip = gzipSync(code, { level: 9 }).byteLength;
    if (initial.has(name)) {
      size.min += code.byteLength;
      size.gzip += gzip;
    } else if (later.has(name)) size.lazyGzip += gzip;
  }
  return size;
}

// Both bundlers split as an app build does, so code behind a dynamic `import()` lands in a chunk
// of its own and is counted apart from what loads with the page.
async function esbuildBundle(source: string, resolveDir: string): Promise<BundleSize> {
  const entry = join(resolveDir, 'entry.js');
  writeFileSync(entry, source);
  const outdir = join(resolveDir, 'out');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    outdir,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    // Metafile paths are relative to this, as the output files' names below.
    absWorkingDir: resolveDir,
    logLevel: 'silent',
  });
  const chunks: Chunks = new Map();
  for (const file of result.outputFiles) {
    const name = relative(resolveDir, file.path);
    const imports = result.metafile.outputs[name]?.imports ?? [];
    const of = (kind: string) => imports.filter((i) => i.kind === kind).map((i) => i.path);
    chunks.set(name, {
      code: file.contents,
      imports: of('import-statement'),
      dynamicImports: of('dynamic-import'),
    });
  }
  return sizeOf(chunks, 'out/entry.js');
}

async function rollupBundle(source: string, resolveDir: string): Promise<BundleSize> {
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
    const chunks: Chunks = new Map();
    let entryName = '';
    for (const chunk of output) {
      if (chunk.type !== 'chunk') continue;
      if (chunk.isEntry) entryName = chunk.fileName;
      chunks.set(chunk.fileName, {
        code: new TextEncoder().encode(chunk.code),
        imports: chunk.imports,
        dynamicImports: chunk.dynamicImports,
      });
    }
    return sizeOf(chunks, entryName);
  } finally {
    await bundle.close();
  }
}

/** Bundles `source` (an entry module, e.g. `export { irr } from '@hidden-key/sdk/analysis'`). */
export async function bundleSize(source: string, bundler: Bundler): Promise<BundleSize> {
  consumer ??= consumerProject();
  return bundler === 'esbuild' ? esbuildBundle(source, consumer) : rollupBundle(source, consumer);
}

/** The imports the bench and the size test measure, by name. */
export const sdkImports = {
  'core client (HiddenKeyCore)': `export { HiddenKeyCore } from '@hidden-key/sdk';`,
  'full client (HiddenKey)': `export { HiddenKey } from '@hidden-key/sdk';`,
  'irr only (/analysis)': `export { irr } from '@hidden-key/sdk/analysis';`,
  'analyzeRental (/analysis)': `export { analyzeRental } from '@hidden-key/sdk/analysis';`,
  'every analysis function (/analysis)': `export { amortizationSchedule, analyzeBrrrr, analyzeFlip, analyzeRental, analyzeWholesale, countSignChanges, interestOnlyPayment, irr, monthlyPayment, npv, remainingBalance, sensitivityGrid, sensitivityRange, xirr, xnpv } from '@hidden-key/sdk/analysis';`,
  'all of /analysis, its zod schemas too': `export * from '@hidden-key/sdk/analysis';`,
  verifyWebhook: `export { verifyWebhook } from '@hidden-key/sdk';`,
  'contract lists (/schemas/lists)': `export * from '@hidden-key/sdk/schemas/lists';`,
} as const;

/** The same-run baselines: the HTTP library the client is built on, and openai-node's client. */
export const baselineImports = {
  'ky (baseline)': `export { default } from 'ky';`,
  'openai-node (baseline)': `export { default } from 'openai';`,
} as const;

/** Budgets in gzip bytes (esbuild and Rollup alike); the size test enforces them in CI. */
export const sizeBudgets: Partial<Record<keyof typeof sdkImports, number>> = {
  // Every resource's methods are in it, so it grows with the API (11.0 KB until leads.export, the
  // erase option and the Idempotency-Key check, 11.02 KB with them).
  'core client (HiddenKeyCore)': 11.5 * 1024,
  // zod's classic API and the contract are most of it (libphonenumber's metadata is a lazy
  // chunk, not counted here); the budget stops growth.
  'full client (HiddenKey)': 55 * 1024,
  'irr only (/analysis)': 1.5 * 1024,
  'analyzeRental (/analysis)': 4 * 1024,
  'every analysis function (/analysis)': 6 * 1024,
  // zod's classic API is most of it: only a bundle that uses a schema pays for it.
  'all of /analysis, its zod schemas too': 36 * 1024,
  verifyWebhook: 6 * 1024,
  // The lists a page fills its selects from: plain arrays, no zod (which alone is ~27 KB).
  'contract lists (/schemas/lists)': 1 * 1024,
};
