import { Job } from '@hidden-key/sdk/schemas';
import { guard } from '../../middleware/guards.js';
import { createApiRoute, errorResponses, IdParams, security, success } from '../openapi.js';

export const getJobRoute = createApiRoute({
  method: 'get',
  path: '/v1/jobs/{id}',
  middleware: guard.api(),
  tags: ['Jobs'],
  security,
  summary: 'Get a background job’s state (e.g. the job an enrichment request answered with)',
  description:
    '`queued` jobs wait for `run_at`; a failed try goes back to `queued` with a later `run_at` and its ' +
    '`last_error`; `dead` jobs are not retried: their last try failed (`attempts` = `max_attempts`), or a try ' +
    'failed in a way no retry can help (`last_error` says how). A webhook delivery follows its own retry ' +
    'schedule (`HK_WEBHOOK_RETRY_DELAYS_MS`), so its `max_attempts` is only a ceiling.',
  request: { params: IdParams },
  responses: { 200: success(Job, 'The job'), ...errorResponses },
});
