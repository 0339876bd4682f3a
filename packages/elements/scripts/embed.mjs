import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { minify } from 'terser';
import { minifyLiterals } from './minify-literals.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Each embed: a self-contained ES module, Lit included, written to dist/embed/<name>.js. Only the
 * texts of languages other than English sit beside it, one module per component and language
 * (`lead-form-messages-es.js`), which the embed imports from its own URL when a page in that
 * language first needs them; every embed shares them. A page with only the embed file still
 * works, in English.
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
  'hk-lead-form': { goal: 12 * 1024, ceiling: 14.75 * 1024 },
  'hk-deal-calculator': { goal: 20 * 1024, ceiling: 22.25 * 1024 },
  'hk-portal': { goal: 50 * 1024, ceiling: 50 * 1024 },
  'hk-elements': { ceiling: 70 * 1024 },
  'hk-insights': { ceiling: 26 * 1024 },
};

/** `./lead-form.messages.es.js` → `lead-form-messages-es.js`: the names the server serves have no inner dots. */
const languageFile = (path) => `${basename(path, '.js').replaceAll('.', '-')}.js`;

/**
 * Leaves out of each embed what it loads on demand, as relative imports of their own files: each
 * `*.messages.<lang>.js`, and another embed (`./hk-deal-calculator.js` and `./hk-insights.js` from the portal).
 */
const onDemandApart = {
  name: 'on-demand-apart',
  setup(build) {
    build.onResolve({ filter: /\.messages\.[a-z]{2}\.js$/ }, ({ path, kind }) =>
      kind === 'dynamic-import' ? { path: `./${languageFile(path)}`, external: true } : undefined,
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

/** Every component's texts in every language but English, by the file name the embeds import. */
async function languageEntries() {
  const entries = {};
  const folders = await readdir(join(root, 'src'), { withFileTypes: true });
  for (const folder of folders.filter((entry) => entry.isDirectory())) {
    for (const file of await readdir(join(root, 'src', folder.name))) {
      if (/\.messages\.[a-z]{2}\.ts$/.test(file))
        entries[basename(languageFile(file.replace(/\.ts$/, '.js')), '.js')] = `src/${folder.name}/${file}`;
    }
  }
  return entries;
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
  const files = new Map();
  for (const file of result.outputFiles) {
    const { inputs } = result.metafile.outputs[relative(root, file.path)];
    const withLit = Object.keys(inputs).some((input) => /node_modules\/.*\blit/.test(input));
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
  const { files } = await bundle({ ...embedEntries, ...(await languageEntries()) });
  const outdir = join(root, 'dist/embed');
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await Promise.all([...files].map(([name, text]) => writeFile(join(outdir, name), text)));
}

const gzipped = (contents) => gzipSync(contents, { level: 9 }).byteLength;

/**
 * Builds the embeds in memory, plus Lit with a bare form (the baseline every embed pays), and
 * returns each one's minified and min+gz size in bytes, the min+gz bytes of the language files it
 * imports (fetched only by pages in those languages) and of the embeds it loads later.
 */
export async function measureEmbeds() {
  const entries = {
    ...embedEntries,
    'lit-baseline (bare form)': 'scripts/lit-baseline.js',
  };
  const { files, metafile } = await bundle({ ...entries, ...(await languageEntries()) });
  return Object.keys(entries).map((name) => {
    const output = metafile.outputs[`out/${name}.js`];
    const onDemand = output.imports.filter((entry) => entry.external).map((entry) => basename(entry.path));
    const sum = (names) => names.reduce((total, file) => total + gzipped(files.get(file)), 0);
    return {
      name,
      minified: Buffer.byteLength(files.get(`${name}.js`)),
      gzipped: gzipped(files.get(`${name}.js`)),
      languagesGzipped: sum(onDemand.filter((file) => file.includes('-messages-'))),
      embedsGzipped: sum(onDemand.filter((file) => !file.includes('-messages-'))),
    };
  });
}

/** Every embed and language file, built in memory for a development server: file name → text. */
export async function buildEmbeds() {
  const { files } = await bundle({ ...embedEntries, ...(await languageEntries()) });
  return files;
}
