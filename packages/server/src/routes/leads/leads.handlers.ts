import { leadStore } from '../../services/leads/lead-store.js';
import { envelope, inTransaction, type Router, scopeOf } from '../openapi.js';
import {
  createLeadRoute,
  deleteLeadRoute,
  getLeadRoute,
  listLeadsRoute,
  scoreLeadRoute,
  updateLeadRoute,
} from './leads.routes.js';

export function registerLeadRoutes(router: Router) {
  router.openapi(createLeadRoute, async (c) => {
    const input = c.req.valid('json');
    const { lead, merged } = await inTransaction(c, (tx, scope) => leadStore.create(tx, scope, input));
    return merged ? c.json(envelope(c, lead), 200) : c.json(envelope(c, lead), 201);
  });

  router.openapi(listLeadsRoute, async (c) => {
    const page = await leadStore.list(c.var.deps.db, scopeOf(c), c.req.valid('query'));
    return c.json(envelope(c, page), 200);
  });

  router.openapi(getLeadRoute, async (c) => {
    const lead = await leadStore.get(c.var.deps.db, scopeOf(c), c.req.valid('param').id);
    return c.json(envelope(c, lead), 200);
  });

  router.openapi(updateLeadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const lead = await inTransaction(c, (tx, scope) => leadStore.update(tx, scope, id, patch));
    return c.json(envelope(c, lead), 200);
  });

  router.openapi(scoreLeadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const lead = await inTransaction(c, (tx, scope) => leadStore.score(tx, scope, id));
    return c.json(envelope(c, lead), 200);
  });

  router.openapi(deleteLeadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const deleted = await inTransaction(c, (tx, scope) => leadStore.remove(tx, scope, id));
    return c.json(envelope(c, deleted), 200);
  });
}
