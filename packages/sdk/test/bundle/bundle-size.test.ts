import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleSize, sdkImports, sizeBudgets } from '../../bench/bundle-size.js';

/**
 * The size budgets, enforced on every run: each import of the BUILT package (turbo builds it
 * before the tests) bundled by esbuild as a user's app would. The bench adds Rollup and the
 * baselines; this test keeps to the faster bundler so it costs a few seconds.
 */
const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

describe('bundle size of the built package', () => {
  it('has a dist to measure', () => {
    expect(existsSync(dist), 'run `pnpm --filter @hidden-key/sdk build` first').toBe(true);
  });

  for (const [name, budget] of Object.entries(sizeBudgets)) {
    it(`${name} stays within ${(budget / 1024).toFixed(1)} KB min+gz`, async () => {
      const size = await bundleSize(sdkImports[name as keyof typeof sdkImports], 'esbuild');
      expect(size.gzip).toBeGreaterThan(0);
      expect(size.gzip).toBeLessThanOrEqual(budget);
    });
  }

  it("loads libphonenumber's metadata apart from the full client, through import()", async () => {
    const full = await bundleSize(sdkImports['full client (HiddenKey)'], 'esbuild');
    expect(full.lazyGzip).toBeGreaterThan(20 * 1024);
    const core = await bundleSize(sdkImports['core client (HiddenKeyCore)'], 'esbuild');
    expect(core.lazyGzip).toBe(0);
  });

  it('importing only irr leaves the schemas, zod and the client out', async () => {
    const irrOnly = await bundleSize(sdkImports['irr only (/analysis)'], 'esbuild');
    const functions = await bundleSize(sdkImports['every analysis function (/analysis)'], 'esbuild');
    expect(irrOnly.gzip * 3).toBeLessThan(functions.gzip);
  });
});
