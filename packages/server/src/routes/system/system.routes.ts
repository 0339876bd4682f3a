import { ErrorEnvelope } from '@hidden-key/sdk/schemas';
import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { guard } from '../../middleware/guards.js';
import { jsonContent, success } from '../openapi.js';

const Health = z.object({ status: z.literal('ok') }).meta({ id: 'HealthStatus' });

export const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'checkHealth',
  middleware: guard.none(),
  tags: ['System'],
  summary: 'Liveness: the process answers',
  responses: { 200: success(Health, 'Alive') },
});

export const readyRoute = createRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'checkReadiness',
  middleware: guard.none(),
  tags: ['System'],
  summary: 'Readiness: the database answers and the server is not shutting down',
  responses: {
    200: success(Health, 'Ready'),
    503: jsonContent(ErrorEnvelope, 'The database does not answer, or the server is draining'),
  },
});
