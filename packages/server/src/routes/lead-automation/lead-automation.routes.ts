import { LeadAutomation } from '@hidden-key/sdk/schemas';
import { guard } from '../../middleware/guards.js';
import { createApiRoute, errorResponses, IdParams, security, success } from '../openapi.js';

export const getLeadAutomationRoute = createApiRoute({
  method: 'get',
  path: '/v1/leads/{id}/automation',
  operationId: 'retrieveLeadAutomation',
  middleware: guard.api(),
  tags: ['Leads'],
  security,
  summary: 'Where the new-lead chain (enrich → score → draft → task) is for this lead',
  description:
    'Turned on per organisation with `settings.automation = { enabled: true, steps?: [...] }`. Each ' +
    'step is a `lead.automation` job: its state, tries, last error and result are shown here.',
  request: { params: IdParams },
  responses: { 200: success(LeadAutomation, 'The chain’s steps'), ...errorResponses },
});
