import { generateContent } from '../../services/ai/content/generate-content.js';
import { analyzeDeal } from '../../services/ai/deal/analyze-deal.js';
import { envelope, type Router } from '../openapi.js';
import { analyzeDealRoute, contentRoute, usageRoute } from './ai.routes.js';

/** `/v1/ai/*`: the agents that answer at once (Lex's drafts, Dave's narratives) and the usage. */
export function registerAiRoutes(router: Router) {
  router.openapi(contentRoute, async (c) => {
    const result = await generateContent(
      c.var.deps,
      c.var.ai,
      c.var.auth.organizationId,
      c.req.valid('json'),
    );
    return c.json(envelope(c, result), 201);
  });

  router.openapi(analyzeDealRoute, async (c) => {
    const result = await analyzeDeal(c.var.deps, c.var.ai, c.var.auth.organizationId, c.req.valid('json'));
    return c.json(envelope(c, result), 200);
  });

  router.openapi(usageRoute, async (c) =>
    c.json(envelope(c, await c.var.ai.usage(c.var.auth.organizationId, c.var.deps.db)), 200),
  );
}
