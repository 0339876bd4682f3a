import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';

/** Public capture routes answer CORS themselves, from each publishable key's origin allow-list. */
const PUBLIC_PREFIX = '/v1/public/';

/**
 * CORS for the bearer-authenticated API: any origin may call it, because the credential is the
 * Authorization header a page chose to send, never a cookie the browser adds by itself. So the
 * answer is `*` without `Access-Control-Allow-Credentials`.
 */
export const apiCors = () => {
  const handler = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
    exposeHeaders: [
      'x-request-id',
      'Retry-After',
      'RateLimit',
      'RateLimit-Policy',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ],
    maxAge: 600,
  });
  return createMiddleware<AppEnv>((c, next) =>
    c.req.path.startsWith(PUBLIC_PREFIX) ? next() : handler(c, next),
  );
};
