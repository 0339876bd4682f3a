import { Job } from '@hidden-key/sdk/schemas';
import { guard } from '../../middleware/guards.js';
import { createApiRoute, errorResponses, IdParams, security, success } from '../openapi.js';

export const enrichLeadRoute = createApiRoute({
  method: 'post',
  path: '/v1/leads/{id}/enrich',
  middleware: guard.api({ body: 'none' }),
  tags: ['Leads'],
  security,
  summary: 'Enrich a lead in the background: value from comparable sales, then a new score',
  description:
    'Queues a `lead.enrich` job and answers it (202); follow it with `GET /v1/jobs/{id}`. The job ' +
    'runs each enrichment provider (built in: comparable sales from real Sacramento and Ames sales), ' +
    'stores each result under its name in `enrichment` (the estimate with its range and comps), ' +
    'fills empty property fields such as `estimated_value`, re-scores the lead and records ' +
    '`lead.updated`. Asking again before the lead changes answers the same job.',
  request: { params: IdParams },
  responses: { 202: success(Job, 'The queued enrichment job'), ...errorResponses },
});
