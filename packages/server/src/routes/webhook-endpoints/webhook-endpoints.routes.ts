import {
  CreatedWebhookEndpoint,
  Id,
  listPage,
  PageQuery,
  WebhookDelivery,
  WebhookDeliveryListQuery,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointUpdate,
} from '@hidden-key/sdk/schemas';
import * as z from 'zod';
import { guard } from '../../middleware/guards.js';
import {
  createApiRoute,
  Deleted,
  errorResponses,
  IdParams,
  jsonBody,
  security,
  success,
} from '../openapi.js';

const tags = ['Webhooks'];

export const createWebhookEndpointRoute = createApiRoute({
  method: 'post',
  path: '/v1/webhook-endpoints',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'Add a webhook endpoint (its signing secret is shown in this answer only)',
  description:
    'Events are POSTed with the Standard Webhooks headers `webhook-id` (the event id), `webhook-timestamp` ' +
    'and `webhook-signature`. URLs on private, loopback, link-local or metadata addresses are refused.',
  request: { body: jsonBody(WebhookEndpointCreate) },
  responses: {
    201: success(CreatedWebhookEndpoint, 'The new endpoint with its `whsec_` secret'),
    ...errorResponses,
  },
});

export const listWebhookEndpointsRoute = createApiRoute({
  method: 'get',
  path: '/v1/webhook-endpoints',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'List webhook endpoints',
  request: { query: PageQuery },
  responses: { 200: success(listPage(WebhookEndpoint), 'A page of endpoints'), ...errorResponses },
});

export const getWebhookEndpointRoute = createApiRoute({
  method: 'get',
  path: '/v1/webhook-endpoints/{id}',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'Get a webhook endpoint',
  request: { params: IdParams },
  responses: { 200: success(WebhookEndpoint, 'The endpoint'), ...errorResponses },
});

export const updateWebhookEndpointRoute = createApiRoute({
  method: 'patch',
  path: '/v1/webhook-endpoints/{id}',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'Change an endpoint’s URL, events or description, or disable / re-enable it',
  request: { params: IdParams, body: jsonBody(WebhookEndpointUpdate) },
  responses: { 200: success(WebhookEndpoint, 'The updated endpoint'), ...errorResponses },
});

export const deleteWebhookEndpointRoute = createApiRoute({
  method: 'delete',
  path: '/v1/webhook-endpoints/{id}',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'Delete a webhook endpoint and its deliveries',
  request: { params: IdParams },
  responses: { 200: success(Deleted, 'The endpoint was deleted'), ...errorResponses },
});

export const listWebhookDeliveriesRoute = createApiRoute({
  method: 'get',
  path: '/v1/webhook-endpoints/{id}/deliveries',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'List an endpoint’s deliveries, newest first',
  request: { params: IdParams, query: WebhookDeliveryListQuery },
  responses: { 200: success(listPage(WebhookDelivery), 'A page of deliveries'), ...errorResponses },
});

export const retryWebhookDeliveryRoute = createApiRoute({
  method: 'post',
  path: '/v1/webhook-endpoints/{id}/deliveries/{delivery_id}/retry',
  middleware: guard.fullAccess({ body: 'none' }),
  tags,
  security,
  summary: 'Send a delivery again now (a failed one, or replay a delivered one), with a fresh schedule',
  request: {
    params: z.object({
      id: Id.meta({ description: 'The id of the endpoint.' }),
      delivery_id: Id.meta({ description: 'The id of the delivery.' }),
    }),
  },
  responses: { 200: success(WebhookDelivery, 'The delivery, queued'), ...errorResponses },
});

export const rotateWebhookSecretRoute = createApiRoute({
  method: 'post',
  path: '/v1/webhook-endpoints/{id}/rotate-secret',
  operationId: 'rotateWebhookEndpointSecret',
  middleware: guard.fullAccess({ body: 'none' }),
  tags,
  security,
  summary:
    'Give an endpoint a new signing secret (shown in this answer only); the old one signs too for 24 h',
  description:
    'For 24 hours (`previous_secret_expires_at`) every delivery carries two signatures in `webhook-signature`, ' +
    'space-separated: one with the new secret and one with the old, so the receiver can switch secrets with no ' +
    'delivery failing. Rotating again within that time drops the oldest secret at once.',
  request: { params: IdParams },
  responses: {
    200: success(CreatedWebhookEndpoint, 'The endpoint with its new `whsec_` secret'),
    ...errorResponses,
  },
});
