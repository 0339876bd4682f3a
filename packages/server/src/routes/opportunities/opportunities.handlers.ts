import { opportunityStore } from '../../services/opportunities/opportunity-store.js';
import { pipelineSummary } from '../../services/opportunities/pipeline.js';
import { patchResource } from '../../services/store.js';
import { envelope, type Router, scopeOf, write } from '../openapi.js';
import {
  createOpportunityRoute,
  deleteOpportunityRoute,
  getOpportunityRoute,
  listOpportunitiesRoute,
  moveOpportunityRoute,
  pipelineRoute,
  updateOpportunityRoute,
} from './opportunities.routes.js';

export function registerOpportunityRoutes(router: Router) {
  router.openapi(createOpportunityRoute, async (c) => {
    const input = c.req.valid('json');
    const { body, status } = await write(c, 201, (tx, scope) => opportunityStore.create(tx, scope, input));
    return c.json(body, status);
  });

  router.openapi(listOpportunitiesRoute, async (c) => {
    const page = await opportunityStore.list(c.var.deps.db, scopeOf(c), c.req.valid('query'));
    return c.json(envelope(c, page), 200);
  });

  router.openapi(getOpportunityRoute, async (c) => {
    const opportunity = await opportunityStore.get(c.var.deps.db, scopeOf(c), c.req.valid('param').id);
    return c.json(envelope(c, opportunity), 200);
  });

  router.openapi(updateOpportunityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { body, status } = await write(c, 200, (tx, scope) =>
      patchResource(opportunityStore, tx, scope, id, patch),
    );
    return c.json(body, status);
  });

  router.openapi(moveOpportunityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const move = c.req.valid('json');
    const { body, status } = await write(c, 200, (tx, scope) => opportunityStore.move(tx, scope, id, move));
    return c.json(body, status);
  });

  router.openapi(deleteOpportunityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { body, status } = await write(c, 200, (tx, scope) => opportunityStore.remove(tx, scope, id));
    return c.json(body, status);
  });

  router.openapi(pipelineRoute, async (c) => {
    return c.json(envelope(c, await pipelineSummary(c.var.deps.db, c.var.auth.organizationId)), 200);
  });
}
