import { answerHoldsSecret } from '../../middleware/idempotency.js';
import { patchResource } from '../../services/store.js';
import { webhookEndpointStore as store } from '../../services/webhooks/endpoint-store.js';
import { envelope, type Router, scopeOf, write } from '../openapi.js';
import {
  createWebhookEndpointRoute,
  deleteWebhookEndpointRoute,
  getWebhookEndpointRoute,
  listWebhookDeliveriesRoute,
  listWebhookEndpointsRoute,
  retryWebhookDeliveryRoute,
  rotateWebhookSecretRoute,
  updateWebhookEndpointRoute,
} from './webhook-endpoints.routes.js';

export function registerWebhookEndpointRoutes(router: Router) {
  router.openapi(createWebhookEndpointRoute, async (c) => {
    const input = c.req.valid('json');
    answerHoldsSecret(c);
    const { body, status } = await write(c, 201, (tx, scope) => store.create(tx, scope, input));
    return c.json(body, status);
  });

  router.openapi(listWebhookEndpointsRoute, async (c) => {
    const page = await store.list(c.var.deps.db, scopeOf(c), c.req.valid('query'));
    return c.json(envelope(c, page), 200);
  });

  router.openapi(getWebhookEndpointRoute, async (c) => {
    const endpoint = await store.get(c.var.deps.db, scopeOf(c), c.req.valid('param').id);
    return c.json(envelope(c, endpoint), 200);
  });

  router.openapi(updateWebhookEndpointRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { body, status } = await write(c, 200, (tx, scope) => patchResource(store, tx, scope, id, patch));
    return c.json(body, status);
  });

  router.openapi(rotateWebhookSecretRoute, async (c) => {
    const { id } = c.req.valid('param');
    answerHoldsSecret(c);
    const { body, status } = await write(c, 200, (tx, scope) => store.rotateSecret(tx, scope, id));
    return c.json(body, status);
  });

  router.openapi(deleteWebhookEndpointRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { body, status } = await write(c, 200, (tx, scope) => store.remove(tx, scope, id));
    return c.json(body, status);
  });

  router.openapi(listWebhookDeliveriesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const page = await store.deliveries(c.var.deps.db, scopeOf(c), id, c.req.valid('query'));
    return c.json(envelope(c, page), 200);
  });

  router.openapi(retryWebhookDeliveryRoute, async (c) => {
    const { id, delivery_id } = c.req.valid('param');
    const { body, status } = await write(c, 200, (tx, scope) =>
      store.retryDelivery(tx, scope, id, delivery_id),
    );
    return c.json(body, status);
  });
}
