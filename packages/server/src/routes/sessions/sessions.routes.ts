import { Session, SessionCreate } from '@hidden-key/sdk/schemas';
import { guard } from '../../middleware/guards.js';
import { createApiRoute, errorResponses, jsonBody, security, success } from '../openapi.js';

export const createSessionRoute = createApiRoute({
  method: 'post',
  path: '/v1/sessions',
  middleware: guard.secretKey(),
  tags: ['Sessions'],
  security,
  summary: 'Mint a short-lived token for a browser portal (secret key only)',
  description:
    'The token is a JWT to send as `Authorization: Bearer <token>` from the browser instead of the secret ' +
    'key. It is scoped to the organisation, expires after `ttl_seconds`, and a `read_only` token may only GET.',
  request: { body: jsonBody(SessionCreate) },
  responses: { 201: success(Session, 'The session token'), ...errorResponses },
});
