import { answerHoldsSecret } from '../../middleware/idempotency.js';
import { inboundSourceStore as store } from '../../services/inbound/inbound-source-store.js';
import { patchResource } from '../../services/store.js';
import { envelope, type Router, scopeOf, write } from '../openapi.js';
import {
  createInboundSourceRoute,
  deleteInboundSourceRoute,
  getInboundSourceRoute,
  listInboundSourcesRoute,
  updateInboundSourceRoute,
} from './inbound-sources.routes.js';

export function registerInboundSourceRoutes(router: Router) {
  router.openapi(createInboundSourceRoute, async (c) => {
    const input = c.req.valid('json');
    answerHoldsSecret(c);
    const { body, status } = await write(c, 201, (tx, scope) => store.create(tx, scope, input));
    return c.json(body, status);
  });

  router.openapi(listInboundSourcesRoute, async (c) => {
    const page = await store.list(c.var.deps.db, scopeOf(c), c.req.valid('query'));
    return c.json(envelope(c, page), 200);
  });

  router.openapi(getInboundSourceRoute, async (c) => {
    const source = await store.get(c.var.deps.db, scopeOf(c), c.req.valid('param').id);
    return c.json(envelope(c, source), 200);
  });

  router.openapi(updateInboundSourceRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { body, status } = await write(c, 200, (tx, scope) => patchResource(store, tx, scope, id, patch));
    return c.json(body, status);
  });

  router.openapi(deleteInboundSourceRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { body, status } = await write(c, 200, (tx, scope) => store.remove(tx, scope, id));
    return c.json(body, status);
  });
}
