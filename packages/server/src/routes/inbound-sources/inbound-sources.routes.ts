import {
  CreatedInboundSource,
  InboundSource,
  InboundSourceCreate,
  InboundSourceUpdate,
  listPage,
  PageQuery,
} from '@hidden-key/sdk/schemas';
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

const tags = ['Inbound'];

export const createInboundSourceRoute = createApiRoute({
  method: 'post',
  path: '/v1/inbound-sources',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'Add a system that sends leads (its signing secret is shown in this answer only)',
  description:
    'The sender POSTs leads to `/v1/inbound/leads/{id}` signed per Standard Webhooks with the `whsec_` secret.',
  request: { body: jsonBody(InboundSourceCreate) },
  responses: { 201: success(CreatedInboundSource, 'The new source with its secret'), ...errorResponses },
});

export const listInboundSourcesRoute = createApiRoute({
  method: 'get',
  path: '/v1/inbound-sources',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'List inbound sources',
  request: { query: PageQuery },
  responses: { 200: success(listPage(InboundSource), 'A page of sources'), ...errorResponses },
});

export const getInboundSourceRoute = createApiRoute({
  method: 'get',
  path: '/v1/inbound-sources/{id}',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'Get an inbound source',
  request: { params: IdParams },
  responses: { 200: success(InboundSource, 'The source'), ...errorResponses },
});

export const updateInboundSourceRoute = createApiRoute({
  method: 'patch',
  path: '/v1/inbound-sources/{id}',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'Rename a source, change the `source` its leads get, or disable / re-enable it',
  request: { params: IdParams, body: jsonBody(InboundSourceUpdate) },
  responses: { 200: success(InboundSource, 'The updated source'), ...errorResponses },
});

export const deleteInboundSourceRoute = createApiRoute({
  method: 'delete',
  path: '/v1/inbound-sources/{id}',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'Delete an inbound source: its signature stops verifying at once',
  request: { params: IdParams },
  responses: { 200: success(Deleted, 'The source was deleted'), ...errorResponses },
});
