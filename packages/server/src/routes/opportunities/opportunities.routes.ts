import {
  listPage,
  Opportunity,
  OpportunityCreate,
  OpportunityListQuery,
  OpportunityMove,
  OpportunityUpdate,
  Pipeline,
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

const tags = ['Opportunities'];

export const createOpportunityRoute = createApiRoute({
  method: 'post',
  path: '/v1/opportunities',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Create a deal (at the end of its stage unless `position` is given)',
  request: { body: jsonBody(OpportunityCreate) },
  responses: { 201: success(Opportunity, 'The new deal'), ...errorResponses },
});

export const listOpportunitiesRoute = createApiRoute({
  method: 'get',
  path: '/v1/opportunities',
  middleware: guard.api(),
  tags,
  security,
  summary: 'List deals (filter by stage, deal type or lead; sort by creation or position)',
  request: { query: OpportunityListQuery },
  responses: { 200: success(listPage(Opportunity), 'A page of deals'), ...errorResponses },
});

export const getOpportunityRoute = createApiRoute({
  method: 'get',
  path: '/v1/opportunities/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Get a deal',
  request: { params: IdParams },
  responses: { 200: success(Opportunity, 'The deal'), ...errorResponses },
});

export const updateOpportunityRoute = createApiRoute({
  method: 'patch',
  path: '/v1/opportunities/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Update a deal (stage and position change through move)',
  request: { params: IdParams, body: jsonBody(OpportunityUpdate) },
  responses: { 200: success(Opportunity, 'The updated deal'), ...errorResponses },
});

export const deleteOpportunityRoute = createApiRoute({
  method: 'delete',
  path: '/v1/opportunities/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Delete a deal',
  request: { params: IdParams },
  responses: { 200: success(Deleted, 'The deal was deleted'), ...errorResponses },
});

export const moveOpportunityRoute = createApiRoute({
  method: 'post',
  path: '/v1/opportunities/{id}/move',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Move a deal to a stage, between two neighbours or at the end',
  request: { params: IdParams, body: jsonBody(OpportunityMove) },
  responses: { 200: success(Opportunity, 'The moved deal'), ...errorResponses },
});

export const pipelineRoute = createApiRoute({
  method: 'get',
  path: '/v1/pipeline',
  operationId: 'retrievePipeline',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Per-stage count, total value and probability-weighted value',
  responses: { 200: success(Pipeline, 'The pipeline'), ...errorResponses },
});
