import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from '../../context.js';
import { ApiError } from '../../errors.js';

const EMBED_FILE = /^[\w-]+\.js(\.map)?$/;

/**
 * `GET /embed/<name>.js`: the self-contained element bundles from `packages/elements/dist/embed`.
 * Partner pages load them cross-origin as module scripts, which needs CORS; they hold no secrets.
 */
export function registerEmbedRoutes(app: Hono<AppEnv>, embedDir: string) {
  app.get('/embed/:file', async (c) => {
    const file = c.req.param('file');
    if (!EMBED_FILE.test(file)) throw new ApiError('not_found', `No embed ${file.slice(0, 100)}`);
    const body = await readFile(join(embedDir, file)).catch(() => null);
    if (!body) throw new ApiError('not_found', `No embed ${file}; build @hidden-key/elements first`);
    return c.body(body, 200, {
      'Content-Type': file.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'public, max-age=300',
    });
  });
}
