import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { asSystem } from '../db/tenant.js';
import { ApiError } from '../errors.js';
import { isRevokedKey, touchKey } from '../services/api-keys.js';
import { bearerToken } from './auth.js';

/**
 * Publishable keys (`pk_...`) for browser capture: the key must be live and publishable, and the
 * request's `Origin` must be on the key's allow-list (a request with no Origin is not from a
 * browser page and is refused too). Secret keys are refused here: they never belong in a page.
 * A refused key says whether it was revoked or never existed (`details.key`).
 */
export const authenticatePublishable = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new ApiError('unauthorized', 'Send a publishable key as Authorization: Bearer pk_...');
    const { db, hashKey, clock } = c.get('deps');
    const hash = hashKey(token);
    const key = await c.get('lookups').key(hash);
    if (!key) {
      // `details.key` lets the lead form tell the page's developer which one it is.
      // Which organisation's is unknown: only the system role may look across them.
      if (await asSystem(db, (tx) => isRevokedKey(tx, hash)))
        throw new ApiError('unauthorized', 'This publishable key has been revoked', { key: ['revoked'] });
      throw new ApiError('unauthorized', 'The API key is not known', { key: ['unknown'] });
    }
    if (key.type !== 'publishable') {
      throw new ApiError('forbidden', 'Use a publishable key here; a secret key must never reach a browser');
    }
    const origin = c.req.header('origin');
    if (!origin || !key.allowedOrigins.includes(origin)) {
      throw new ApiError('forbidden', 'This origin is not on the publishable key’s allow-list', {
        origin: [origin ? origin.slice(0, 200) : 'missing'],
      });
    }
    await touchKey(db, key, clock());
    c.set('auth', {
      organizationId: key.organizationId,
      keyId: key.id,
      keyType: 'publishable',
      readOnly: false,
    });
    await next();
  });
