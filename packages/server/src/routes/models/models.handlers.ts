import { listModels } from '../../services/scoring/model-monitor.js';
import { envelope, type Router } from '../openapi.js';
import { listModelsRoute } from './models.routes.js';

export function registerModelRoutes(router: Router) {
  router.openapi(listModelsRoute, async (c) => {
    const items = await listModels(c.var.deps.db, c.var.auth.organizationId);
    return c.json(envelope(c, { items, next_cursor: null }), 200);
  });
}
