import { Organization } from '@hidden-key/sdk/schemas';
import { guard } from '../../middleware/guards.js';
import { createApiRoute, errorResponses, security, success } from '../openapi.js';

export const getOrganizationRoute = createApiRoute({
  method: 'get',
  path: '/v1/organization',
  operationId: 'retrieveOrganization',
  middleware: guard.api(),
  tags: ['Organization'],
  security,
  summary: 'Get the caller’s organisation: its name, default phone region and billing plan',
  description:
    '`plan` and `plan_status` are kept by Stripe’s subscription events (`POST /v1/inbound/stripe`); an organisation without a subscription is on `free`.',
  responses: { 200: success(Organization, 'The organisation'), ...errorResponses },
});
