import { ApiError } from '../../errors.js';
import { envelope, type Router, registerErrorResponses } from '../openapi.js';
import { nameOperations } from '../operation-ids.js';
import { registerDocsRoutes } from './docs.js';
import { healthRoute, readyRoute } from './system.routes.js';

export function registerSystemRoutes(router: Router, version: string) {
  router.openapi(healthRoute, (c) => c.json(envelope(c, { status: 'ok' as const }), 200));

  // The API's base, which the demo prints and a newcomer opens: where its reference lives.
  router.get('/v1', (c) =>
    c.json(
      envelope(c, {
        name: 'Hidden Key API',
        version,
        docs: new URL('/docs', c.req.url).href,
        openapi: new URL('/openapi.json', c.req.url).href,
      }),
      200,
    ),
  );

  router.openapi(readyRoute, async (c) => {
    if (c.var.deps.draining?.()) throw new ApiError('service_unavailable', 'The server is shutting down');
    if (!(await c.var.observability.databaseHealth.check())) {
      throw new ApiError('service_unavailable', 'The database does not answer');
    }
    return c.json(envelope(c, { status: 'ok' as const }), 200);
  });

  router.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A secret key (`sk_...`) of your organisation, a session token from `POST /v1/sessions`, or (when configured) a Supabase Auth access token whose `app_metadata.organization_id` names the organisation.',
  });
  // Inbound senders hold no key: their signature is the credential (routes/inbound).
  router.openAPIRegistry.registerComponent('securitySchemes', 'standardWebhooks', {
    type: 'apiKey',
    in: 'header',
    name: 'webhook-signature',
    description:
      'Standard Webhooks: `webhook-id`, `webhook-timestamp` and `webhook-signature` (HMAC-SHA256 of `id.timestamp.body` with the inbound source’s `whsec_` secret).',
  });
  router.openAPIRegistry.registerComponent('securitySchemes', 'twilioSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Twilio-Signature',
    description:
      'Twilio’s request signature, checked with `TWILIO_AUTH_TOKEN` over the public URL (`HK_PUBLIC_URL`).',
  });
  router.openAPIRegistry.registerComponent('securitySchemes', 'stripeSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'Stripe-Signature',
    description: 'Stripe’s webhook signature, checked with `STRIPE_WEBHOOK_SECRET`.',
  });
  registerErrorResponses(router.openAPIRegistry);
  router.get('/openapi.json', async (_c, next) => {
    nameOperations(router.openAPIRegistry);
    await next();
  });
  router.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Hidden Key API',
      version,
      description:
        'Seller leads, deals, activities and investors. Every response carries `x-request-id`; errors use one envelope whose `code` decides the status.',
    },
  });
  registerDocsRoutes(router);
}
