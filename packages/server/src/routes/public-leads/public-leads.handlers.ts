import { leadStore } from '../../services/leads/lead-store.js';
import { captureToLeadInput } from '../../services/leads/public-capture.js';
import { type Router, write } from '../openapi.js';
import { createPublicLeadRoute } from './public-leads.routes.js';

/**
 * `POST /v1/public/leads` (guarded on the route: publishable key and origin, rate limits, spam
 * trap, idempotency): create or merge, exactly as `POST /v1/leads` does, answering only the id.
 */
export function registerPublicLeadRoutes(router: Router) {
  router.openapi(createPublicLeadRoute, async (c) => {
    const input = captureToLeadInput(c.req.valid('json'));
    const { body, status } = await write(c, 201, async (tx, scope) => {
      const lead = await leadStore.create(tx, scope, input);
      return { id: lead.id };
    });
    return c.json(body, status);
  });
}
