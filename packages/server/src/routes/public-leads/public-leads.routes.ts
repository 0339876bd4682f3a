import { ErrorEnvelope, PublicLeadCreate, PublicLeadReceipt } from '@hidden-key/sdk/schemas';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { guard } from '../../middleware/guards.js';
import { envelope, errorResponses, jsonBody, jsonContent, security, success } from '../openapi.js';

/** What a bot gets: the success answer with an id that names nothing. */
const decoyReceipt = (c: Context<AppEnv>) => c.json(envelope(c, { id: c.get('deps').newId() }), 201);

export const createPublicLeadRoute = createRoute({
  method: 'post',
  path: '/v1/public/leads',
  operationId: 'createPublicLead',
  // Everything a capture does is in its transaction (the lead or flag, the submission, the event).
  middleware: guard.publishable(decoyReceipt, { idempotency: 'at-commit' }),
  tags: ['Lead capture'],
  security,
  summary: 'Capture a lead from a web form (publishable key, from an allowed origin)',
  description:
    'Takes only the capture fields; status, priority, score and source are the server’s. A submission with the same email or phone as an existing lead changes nothing in it: it is stored as a submission of its own, linked to the lead, which is flagged `resubmitted_at`. Spam (the `website` honeypot filled, or `elapsed_ms` under the minimum fill time) gets the same answer and is stored nowhere.',
  request: { body: jsonBody(PublicLeadCreate) },
  responses: {
    201: success(PublicLeadReceipt, 'Received'),
    ...errorResponses,
    429: jsonContent(
      ErrorEnvelope,
      '`rate_limited`: too many submissions from this key or IP; see `Retry-After`',
    ),
  },
});
