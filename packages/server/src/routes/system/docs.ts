import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from '../openapi.js';

/** The swagger-ui files the page loads, served from the installed swagger-ui-dist (no CDN). */
const SWAGGER_ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * The SDK's typedoc site: packed into dist/docs/sdk by the server's prepack, or built in a
 * checkout by `pnpm --filter @hidden-key/sdk docs`. Absent, the page leaves the link out.
 */
function findSdkDocs(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, 'docs', 'sdk'), // dist/ (bundled)
    join(here, '..', '..', '..', '..', 'sdk', 'docs', 'api'), // src/routes/system in a checkout
    join(here, '..', '..', 'sdk', 'docs', 'api'), // dist/ in a checkout
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

const page = (sdkDocs: boolean) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hidden Key API reference</title>
<link rel="icon" href="/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<style>.hk-links{font:14px/1.4 system-ui,sans-serif;padding:12px 20px;border-bottom:1px solid #ddd}</style>
</head>
<body>
<nav class="hk-links"><a href="/openapi.json">openapi.json</a>${
  sdkDocs ? ' · <a href="/docs/sdk/">TypeScript SDK reference (@hidden-key/sdk)</a>' : ''
}</nav>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });</script>
</body>
</html>`;

/** `/docs`: the interactive API reference, working with no internet, and the SDK's typedoc site. */
export function registerDocsRoutes(router: Router) {
  const sdkDocs = findSdkDocs();
  router.get('/docs', (c) => c.html(page(sdkDocs !== null)));

  router.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = SWAGGER_ASSETS[file];
    if (!type) return c.notFound();
    const body = await readFile(join(swaggerDir, file));
    return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });

  router.get('/docs/sdk', (c) => c.redirect('/docs/sdk/', 301));
  router.get('/docs/sdk/*', async (c) => {
    if (!sdkDocs) return c.notFound();
    const relative = normalize(decodeURIComponent(c.req.path.slice('/docs/sdk/'.length)) || 'index.html');
    if (relative.startsWith('..') || relative.includes(`${sep}..`)) return c.notFound();
    const path = join(
      sdkDocs,
      relative.endsWith(sep) || relative === '.' ? join(relative, 'index.html') : relative,
    );
    if (!path.startsWith(sdkDocs) || !existsSync(path)) return c.notFound();
    const extension = path.slice(path.lastIndexOf('.'));
    return c.body(await readFile(path), 200, {
      'Content-Type': TYPES[extension] ?? 'application/octet-stream',
      'Cache-Control': 'public, max-age=300',
    });
  });
}
