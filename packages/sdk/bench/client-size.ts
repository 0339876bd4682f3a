/**
 * Bundle size of the client as a browser app would ship it: minified ESM from esbuild, gzipped.
 * "core" is `HiddenKeyCore` (no schemas), "with schemas" is `HiddenKey` (zod contract included);
 * ky alone is printed as the baseline the client is built on. Fails when the core is over budget.
 */
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const CORE_BUDGET_BYTES = 11 * 1024;
// Run from the package folder (as `pnpm bench` does); the script itself runs from a build cache.
const packageRoot = process.cwd();
const clientEntry = resolve(packageRoot, 'src/client/index.ts');

async function minGzipBytes(source: string) {
  const result = await build({
    stdin: { contents: source, resolveDir: packageRoot, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@hidden-key/source'],
    write: false,
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

const rows = [
  ['ky alone (baseline)', await minGzipBytes(`export { default } from 'ky';`)],
  ['core client (HiddenKeyCore)', await minGzipBytes(`export { HiddenKeyCore } from '${clientEntry}';`)],
  ['with schemas (HiddenKey)', await minGzipBytes(`export { HiddenKey } from '${clientEntry}';`)],
] as const;

console.log('client bundle size (esbuild --minify, gzip -9)');
for (const [name, size] of rows)
  console.log(`  ${name.padEnd(30)} ${kb(size.min).padStart(10)} min  ${kb(size.gzip).padStart(9)} min+gz`);
const core = rows[1][1].gzip;
const verdict = core <= CORE_BUDGET_BYTES ? 'within' : 'OVER';
console.log(`  core budget ${kb(CORE_BUDGET_BYTES)} min+gz: ${verdict} (${kb(core)})`);
if (core > CORE_BUDGET_BYTES) process.exitCode = 1;
