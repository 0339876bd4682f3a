/**
 * What the SDK costs in a user's bundle, measured on the built `dist/` as installed: each import
 * bundled by esbuild and by Rollup (minified, gzip -9), next to ky (what the client is built on)
 * and openai-node's client in the same run. Exits non-zero when an import is over its budget.
 */
import { existsSync } from 'node:fs';
import { type Bundler, baselineImports, bundleSize, sdkImports, sizeBudgets } from './bundle-size.js';

if (!existsSync('dist/index.js'))
  throw new Error('no dist/: run `pnpm --filter @hidden-key/sdk build` first');

const bundlers: Bundler[] = ['esbuild', 'rollup'];
const kb = (bytes: number) => (bytes / 1024).toFixed(2);
const imports: Record<string, string> = { ...sdkImports, ...baselineImports };
const rows: Record<string, string | number>[] = [];
let over = 0;
for (const [name, source] of Object.entries(imports)) {
  const row: Record<string, string | number> = { import: name };
  const budget = sizeBudgets[name as keyof typeof sdkImports];
  for (const bundler of bundlers) {
    const size = await bundleSize(source, bundler);
    row[`${bundler} min KB`] = kb(size.min);
    row[`${bundler} min+gz KB`] = kb(size.gzip);
    row[`${bundler} lazy min+gz KB`] = kb(size.lazyGzip);
    if (budget !== undefined && size.gzip > budget) over++;
  }
  row['budget min+gz KB'] = budget === undefined ? '' : kb(budget);
  rows.push(row);
}
console.log(
  'bundle size of the built package as installed (minified, gzip -9; KB = 1024 bytes); lazy: chunks loaded through import() later',
);
console.table(rows);
console.log(over === 0 ? 'every budget met' : `${over} measurement(s) OVER budget`);
if (over > 0) process.exitCode = 1;
