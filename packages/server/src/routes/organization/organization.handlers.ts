import { findOrganization } from '../../services/organizations.js';
import { envelope, type Router } from '../openapi.js';
import { getOrganizationRoute } from './organization.routes.js';

export function registerOrganizationRoutes(router: Router) {
  router.openapi(getOrganizationRoute, async (c) => {
    const organization = await findOrganization(c.var.deps.db, c.var.auth.organizationId);
    return c.json(envelope(c, organization), 200);
  });
}
