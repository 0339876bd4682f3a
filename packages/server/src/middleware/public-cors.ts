import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { errorResponse } from './errors.js';

const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
const EXPOSE_HEADERS =
  'Retry-After, RateLimit, RateLimit-Policy, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, x-request-id, Idempotent-Replayed';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/** Decides whether a browser origin may talk to the public API at all. */
export type OriginCheck = (origin: string) => Promise<boolean>;

/**
 * CORS for `/v1/public/*`: only origins on some publishable key's allow-list get CORS headers
 * (a preflight carries no key; the key's own list is enforced by `authenticatePublishable`).
 * A preflight from any other origin answers 403. No credentials: capture uses no cookies.
 */
export const publicCors = (isAllowed: OriginCheck) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) return next();
    const allowed = await isAllowed(origin);
    if (c.req.method === 'OPTIONS') {
      if (!allowed) {
        return errorResponse(
          c,
          new ApiError('forbidden', `The origin ${origin.slice(0, 200)} is not allowed`),
        );
      }
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
        Vary: 'Origin',
      });
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
  });
