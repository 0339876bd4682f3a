import type { LeadCreateResult } from '@hidden-key/sdk/schemas';
import { leadStore } from '../../services/leads/lead-store.js';
import { eraseLead } from '../../services/privacy/lead-erasure.js';
import { exportLead } from '../../services/privacy/lead-export.js';
import { patchResource } from '../../services/store.js';
import { envelope, type Router, scopeOf, write } from '../openapi.js';
import {
  createLeadRoute,
  deleteLeadRoute,
  exportLeadRoute,
  getLeadRoute,
  listLeadsRoute,
  scoreLeadRoute,
  updateLeadRoute,
} from './leads.routes.js';

export function registerLeadRoutes(router: Router) {
  router.openapi(createLeadRoute, async (c) => {
    const input = c.req.valid('json');
    const { body, status } = await write(
      c,
      (lead: LeadCreateResult) => (lead.merged ? 200 : 201),
      (tx, scope) => leadStore.create(tx, scope, input),
    );
    return c.json(body, status);
  });

  router.openapi(listLeadsRoute, async (c) => {
    const page = await leadStore.list(c.get('deps').db, scopeOf(c), c.req.valid('query'));
    return c.json(envelope(c, page), 200);
  });

  router.openapi(getLeadRoute, async (c) => {
    const lead = await leadStore.get(c.get('deps').db, scopeOf(c), c.req.valid('param').id);
    return c.json(envelope(c, lead), 200);
  });

  router.openapi(updateLeadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { body, status } = await write(c, 200, (tx, scope) =>
      patchResource(leadStore, tx, scope, id, patch),
    );
    return c.json(body, status);
  });

  router.openapi(scoreLeadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { body, status } = await write(c, 200, (tx, scope) => leadStore.score(tx, scope, id));
    return c.json(body, status);
  });

  router.openapi(deleteLeadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { erase } = c.req.valid('query');
    const { body, status } = await write(c, 200, (tx, scope) =>
      erase ? eraseLead(tx, scope, id) : leadStore.remove(tx, scope, id),
    );
    return c.json(body, status);
  });

  router.openapi(exportLeadRoute, async (c) => {
    const data = await exportLead(c.get('deps').db, scopeOf(c), c.req.valid('param').id);
    return c.json(envelope(c, data), 200);
  });
}
