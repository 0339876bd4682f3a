import { ApiError } from '../../errors.js';
import { envelope, type Router } from '../openapi.js';
import { nameOperations } from '../operation-ids.js';
import { registerDocsRoutes } from './docs.js';
import { healthRoute, readyRoute } from './system.routes.js';

export function registerSystemRoutes(router: Router, version: string) {
  router.openapi(healthRoute, (c) => c.json(envelope(c, { status: 'ok' as const }), 200));

  router.openapi(readyRoute, async (c) => {
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
