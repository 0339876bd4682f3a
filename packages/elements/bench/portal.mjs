/**
 * Portal elements in Chromium: board first render with 10,000 deals, time from a move to the
 * painted frame, lead list first render with 100,000 leads, and JS heap, each next to a baseline
 * measured in the same run (plain divs). Each scenario runs on a fresh page; medians of RUNS.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));

const bundle = await build({
  absWorkingDir: root,
  entryPoints: ['bench/portal-page.ts'],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  write: false,
  tsconfig: 'tsconfig.json',
  conditions: ['@hidden-key/source', 'browser'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
const script = bundle.outputFiles[0].text;
const page =
  '<!doctype html><html lang="en"><body><script type="module" src="/bench.js"></script></body></html>';

const server = createServer((request, response) => {
  const js = request.url === '/bench.js';
  response.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
  response.end(js ? script : page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--js-flags=--expose-gc',
    '--enable-precise-memory-info',
  ],
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  const first = await browser.newPage();
  await first.goto(origin);
  await first.waitForFunction(() => window.scenarios);
  const names = await first.evaluate(() => window.scenarios);
  await first.close();
  const rows = [];
  for (const name of names) {
    const values = [];
    for (let run = 0; run < RUNS; run++) {
      const tab = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await tab.goto(origin);
      await tab.waitForFunction(() => window.measure);
      values.push(await tab.evaluate((scenario) => window.measure(scenario), name));
      await tab.close();
    }
    const bytes = name.endsWith('(bytes)');
    const format = (value) => (bytes ? `${(value / 1024 / 1024).toFixed(1)} MB` : `${value.toFixed(1)} ms`);
    rows.push({
      scenario: name,
      median: format(median(values)),
      min: format(Math.min(...values)),
      max: format(Math.max(...values)),
    });
  }
  console.log(
    `Portal elements in Chromium (${RUNS} fresh pages per scenario, 1600x1000), measured in this run:`,
  );
  console.table(rows);
} finally {
  await browser.close();
  server.close();
}
