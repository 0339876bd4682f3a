import { capturePublicLead } from '../../services/leads/public-capture.js';
import { type Router, write } from '../openapi.js';
import { createPublicLeadRoute } from './public-leads.routes.js';

/**
 * `POST /v1/public/leads` (guarded on the route: publishable key and origin, rate limits, spam
 * trap, idempotency): a new person becomes a lead; a known one keeps their lead unchanged and the
 * submission is stored beside it. The answer is only the id either way.
 */
export function registerPublicLeadRoutes(router: Router) {
  router.openapi(createPublicLeadRoute, async (c) => {
    const capture = c.req.valid('json');
    const { body, status } = await write(c, 201, (tx, scope) => capturePublicLead(tx, scope, capture));
    return c.json(body, status);
  });
}
