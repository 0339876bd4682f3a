import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { minify } from 'terser';
import { minifyLiterals } from './minify-literals.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Each embed: a self-contained ES module, Lit included, written to dist/embed/<name>.js: one
 * request gives a working element. Beside it sit what it imports from its own URL later, each a
 * module of its own that every embed shares:
 * - the texts of languages other than English, one module per component and language
 *   (`lead-form-messages-es.js`), when a page in that language first needs them;
 * - the parts few visits use (`src/<component>/<name>.lazy.ts` → `<name>.js`), when first needed:
 *   the lead form's checks, error summary and sending code once a visitor starts filling it in,
 *   the calculator's schedule, projection chart and sensitivity grid once its inputs and key
 *   figures are up. A lazy module
 *   imports nothing the embed already has (no Lit: the element hands it Lit's template tags), so
 *   nothing is downloaded twice; `bundle` refuses one that does.
 * The size budgets apply to the embed file alone, what a page loads before the element is usable;
 * the bench prints the total with its lazy modules beside it.
 */
export const embedEntries = {
  'hk-lead-form': 'src/embed/hk-lead-form.ts',
  'hk-elements': 'src/embed/hk-elements.ts',
  'hk-portal': 'src/embed/hk-portal.ts',
  'hk-deal-calculator': 'src/embed/hk-deal-calculator.ts',
  'hk-insights': 'src/embed/hk-insights.ts',
};

/**
 * Size limits, min+gz bytes with Lit included. `goal` is what issue 14 asks for; `ceiling` is what
 * the test run enforces today: the current size plus a little room, lowered as the bundles shrink,
 * so no change can quietly make a partner's page heavier. The bench prints both.
 */
// `hk-elements` is every element, the lead form included; the portal's own bundle is `hk-portal`.
export const sizeBudgets = {
  'hk-lead-form': { goal: 12 * 1024, ceiling: 12 * 1024 },
  'hk-deal-calculator': { goal: 20 * 1024, ceiling: 20 * 1024 },
  'hk-portal': { goal: 50 * 1024, ceiling: 50 * 1024 },
  'hk-elements': { ceiling: 62 * 1024 },
  'hk-insights': { ceiling: 26 * 1024 },
};

/** `./lead-form.messages.es.js` → `lead-form-messages-es.js`: the names the server serves have no inner dots. */
const languageFile = (path) => `${basename(path, '.js').replaceAll('.', '-')}.js`;

/** `./calculator-extras.lazy.js` → `calculator-extras.js`. */
const lazyFile = (path) => `${basename(path, '.lazy.js')}.js`;

/**
 * Leaves out of each embed what it loads on demand, as relative imports of their own files: each
 * `*.messages.<lang>.js`, each `*.lazy.js`, and another embed (`./hk-deal-calculator.js` and
 * `./hk-insights.js` from the portal).
 */
const onDemandApart = {
  name: 'on-demand-apart',
  setup(build) {
    build.onResolve({ filter: /\.messages\.[a-z]{2}\.js$/ }, ({ path, kind }) =>
      kind === 'dynamic-import' ? { path: `./${languageFile(path)}`, external: true } : undefined,
    );
    build.onResolve({ filter: /\.lazy\.js$/ }, ({ path, kind }) =>
      kind === 'dynamic-import' ? { path: `./${lazyFile(path)}`, external: true } : undefined,
    );
    build.onResolve({ filter: /^\.\/hk-[\w-]+\.js$/ }, ({ path, kind }) =>
      kind === 'dynamic-import' ? { path, external: true } : undefined,
    );
  },
};

export function options(entryPoints) {
  return {
    absWorkingDir: root,
    entryPoints,
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    platform: 'browser',
    tsconfig: 'tsconfig.json',
    conditions: ['@hidden-key/source', 'browser'],
    // nanostores reads process.env.NODE_ENV; the embed is a production build.
    define: { 'process.env.NODE_ENV': '"production"' },
    // esbuild would append each Lit file's licence comment, a list of file names that costs about
    // 200 bytes min+gz per embed; `bundle` writes the same notice once, as `litNotice`.
    legalComments: 'none',
    plugins: [minifyLiterals, onDemandApart],
    metafile: true,
    logLevel: 'warning',
  };
}

/**
 * Every component's texts in every language but English, and every lazy module, by the file name
 * the embeds import.
 */
async function onDemandEntries() {
  const entries = {};
  const folders = await readdir(join(root, 'src'), { withFileTypes: true });
  for (const folder of folders.filter((entry) => entry.isDirectory())) {
    for (const file of await readdir(join(root, 'src', folder.name))) {
      const asJs = file.replace(/\.ts$/, '.js');
      if (/\.messages\.[a-z]{2}\.ts$/.test(file))
        entries[basename(languageFile(asJs), '.js')] = `src/${folder.name}/${file}`;
      else if (/\.lazy\.ts$/.test(file))
        entries[basename(lazyFile(asJs), '.js')] = `src/${folder.name}/${file}`;
    }
  }
  return entries;
}

const isLit = (input) => /node_modules\/.*\blit/.test(input);

/** Minified bytes a lazy module may share with an embed that loads it: small helpers, never more. */
const LAZY_SHARED_LIMIT = 512;

/**
 * A lazy module must add only code its embeds lack: one that bundled Lit, or more than a few
 * helpers an embed loading it already holds, would make visitors download that code twice.
 */
function checkLazyModules(metafile) {
  const outputs = Object.entries(metafile.outputs);
  const lazyNames = new Set(
    outputs.filter(([, output]) => output.entryPoint?.endsWith('.lazy.ts')).map(([name]) => basename(name)),
  );
  for (const [name, output] of outputs) {
    for (const imported of output.imports.filter((entry) => lazyNames.has(basename(entry.path)))) {
      const lazy = metafile.outputs[`out/${basename(imported.path)}`];
      const shared = Object.entries(lazy.inputs).filter(
        ([input, { bytesInOutput }]) =>
          bytesInOutput > 0 && (isLit(input) || output.inputs[input]?.bytesInOutput),
      );
      const bytes = shared.reduce((total, [, { bytesInOutput }]) => total + bytesInOutput, 0);
      if (shared.some(([input]) => isLit(input)) || bytes > LAZY_SHARED_LIMIT)
        throw new Error(
          `${basename(imported.path)} repeats ${bytes} bytes ${basename(name)} holds: ${shared.map(([input]) => input).join(', ')}`,
        );
    }
  }
}

/** The licence notice of the Lit files in a bundle (language files have none). */
const litNotice = '/*! Lit: Copyright 2017-2022 Google LLC, SPDX-License-Identifier: BSD-3-Clause */';

/**
 * Bundles `entries` and returns each output file's text by name, with the build's metafile.
 * esbuild bundles and minifies in one pass; terser then minifies its output again (two compress
 * passes), which finds what that pass leaves: about 0.4 KB min+gz off the lead form and 0.65 KB
 * off the calculator. It keeps the `/*!` notice.
 */
async function bundle(entries) {
  const result = await build({ ...options(entries), outdir: 'out', write: false });
  checkLazyModules(result.metafile);
  const files = new Map();
  for (const file of result.outputFiles) {
    const { inputs } = result.metafile.outputs[relative(root, file.path)];
    const withLit = Object.keys(inputs).some(isLit);
    const { code } = await minify(file.text, {
      module: true,
      ecma: 2022,
      compress: { passes: 2 },
      format: { preamble: withLit ? litNotice : undefined },
    });
    files.set(basename(file.path), code);
  }
  return { files, metafile: result.metafile };
}

export async function writeEmbeds() {
  const { files } = await bundle({ ...embedEntries, ...(await onDemandEntries()) });
  const outdir = join(root, 'dist/embed');
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await Promise.all([...files].map(([name, text]) => writeFile(join(outdir, name), text)));
}

const gzipped = (contents) => gzipSync(contents, { level: 9 }).byteLength;

/**
 * Builds the embeds in memory, plus Lit with a bare form (the baseline every embed pays), and
 * returns each one's minified and min+gz size in bytes (the file alone: what a page loads before
 * the element is usable), the min+gz bytes of the lazy modules it loads once in use, of the
 * language files it imports (fetched only by pages in those languages) and of the embeds it
 * loads later (with their own lazy modules).
 */
export async function measureEmbeds() {
  const entries = {
    ...embedEntries,
    'lit-baseline (bare form)': 'scripts/lit-baseline.js',
  };
  const { files, metafile } = await bundle({ ...entries, ...(await onDemandEntries()) });
  const importsOf = (file) =>
    metafile.outputs[`out/${file}`].imports
      .filter((entry) => entry.external)
      .map((entry) => basename(entry.path));
  const isLanguage = (file) => file.includes('-messages-');
  const isEmbed = (file) => basename(file, '.js') in embedEntries;
  /** The lazy modules `file` loads, and theirs. */
  const lazyOf = (file) =>
    importsOf(file)
      .filter((name) => !isLanguage(name) && !isEmbed(name))
      .flatMap((name) => [name, ...lazyOf(name)]);
  const sum = (names) => [...new Set(names)].reduce((total, file) => total + gzipped(files.get(file)), 0);
  return Object.keys(entries).map((name) => {
    const file = `${name}.js`;
    const onDemand = importsOf(file);
    return {
      name,
      minified: Buffer.byteLength(files.get(file)),
      gzipped: gzipped(files.get(file)),
      lazyGzipped: sum(lazyOf(file)),
      languagesGzipped: sum(onDemand.filter(isLanguage)),
      embedsGzipped: sum(onDemand.filter(isEmbed).flatMap((embed) => [embed, ...lazyOf(embed)])),
    };
  });
}

/** Every embed and language file, built in memory for a development server: file name → text. */
export async function buildEmbeds() {
  const { files } = await bundle({ ...embedEntries, ...(await onDemandEntries()) });
  return files;
}
