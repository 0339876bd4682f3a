import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';

/** Public capture routes answer CORS themselves, from each publishable key's origin allow-list. */
const PUBLIC_PREFIX = '/v1/public/';

const EXPOSE_HEADERS = [
  'x-request-id',
  'Retry-After',
  'RateLimit',
  'RateLimit-Policy',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
];

/**
 * CORS for the bearer-authenticated API: any origin may call it, because the credential is the
 * Authorization header a page chose to send, never a cookie the browser adds by itself. So the
 * answer is `*` without `Access-Control-Allow-Credentials`.
 */
export const apiCors = () => {
  const preflight = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: 600,
  });
  const exposed = EXPOSE_HEADERS.join(',');
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.path.startsWith(PUBLIC_PREFIX)) return next();
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    // The same headers hono's cors() gives an actual request, set on the answer once it exists:
    // cors() sets them on `c.res` before the handler runs, which makes an empty Response that every
    // later answer is then copied over (two more Response objects and header copies per request).
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
    c.res.headers.set('Access-Control-Expose-Headers', exposed);
  });
};
