// Bundles service-worker.src.js (Workbox) into service-worker.js beside this page, which the
// page registers. `pnpm build` runs it; the end-to-end tests build it in memory.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

const options = {
  absWorkingDir: here,
  entryPoints: ['service-worker.src.js'],
  bundle: true,
  format: 'iife',
  minify: true,
  target: 'es2022',
  // Workbox logs every route in development builds.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

/** The service worker's code, built in memory. */
export async function serviceWorkerSource() {
  const result = await build({ ...options, write: false });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build({ ...options, outfile: 'service-worker.js' });
}
