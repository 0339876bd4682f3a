import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { idempotency } from '../../middleware/idempotency.js';
import { authenticatePublishable } from '../../middleware/publishable-auth.js';
import { type RateLimiters, rateLimit } from '../../middleware/rate-limit.js';
import { spamTrap } from '../../middleware/spam-trap.js';
import { clientIp } from '../../services/client-ip.js';
import { createOrMergeLead } from '../../services/leads/create-lead.js';
import { captureToLeadInput } from '../../services/leads/public-capture.js';
import { organizationRegion } from '../../services/organizations.js';
import { requestOrigin } from '../../services/request-origin.js';
import { envelope, type Router } from '../openapi.js';
import { createPublicLeadRoute } from './public-leads.routes.js';

/** What a bot gets: the success answer with an id that names nothing. */
const decoyReceipt = (c: Context<AppEnv>) => c.json(envelope(c, { id: c.var.deps.newId() }), 201);

/**
 * `POST /v1/public/leads`: publishable key and origin → rate limits per key and per client IP →
 * spam trap → idempotency → validation → create or merge, exactly as `POST /v1/leads` does.
 * CORS is mounted by the app in front of the body checks, so their errors are readable too.
 */
export function registerPublicLeadRoutes(router: Router, limiters: RateLimiters) {
  router.on(
    'POST',
    createPublicLeadRoute.path,
    authenticatePublishable(),
    rateLimit([
      { ...limiters.publicPerKey, key: (c) => `key:${c.var.auth.keyId}` },
      { ...limiters.publicPerIp, key: (c) => clientIp(c) },
    ]),
    spamTrap(decoyReceipt),
    idempotency(),
  );

  router.openapi(createPublicLeadRoute, async (c) => {
    const input = captureToLeadInput(c.req.valid('json'));
    const { db } = c.var.deps;
    const { organizationId } = c.var.auth;
    const context = {
      deps: c.var.deps,
      organizationId,
      defaultRegion: await organizationRegion(db, organizationId),
      origin: requestOrigin(c),
    };
    const { lead } = await db.transaction((tx) => createOrMergeLead(tx, context, input));
    return c.json(envelope(c, { id: lead.id }), 201);
  });
}
