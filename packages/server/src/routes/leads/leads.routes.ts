import {
  ErrorEnvelope,
  Lead,
  LeadCreate,
  LeadCreateResult,
  LeadDeleteQuery,
  LeadExport,
  LeadListQuery,
  LeadUpdate,
  listPage,
} from '@hidden-key/sdk/schemas';
import { guard } from '../../middleware/guards.js';
import {
  createApiRoute,
  Deleted,
  errorResponses,
  IdParams,
  jsonBody,
  jsonContent,
  security,
  success,
} from '../openapi.js';

const tags = ['Leads'];

export const createLeadRoute = createApiRoute({
  method: 'post',
  path: '/v1/leads',
  // Everything a creation does is in its transaction (the lead, its event, its jobs).
  middleware: guard.api({ idempotency: 'at-commit' }),
  tags,
  security,
  summary: 'Create a lead (merged into an existing lead with the same email or phone)',
  request: { body: jsonBody(LeadCreate) },
  responses: {
    201: success(LeadCreateResult, 'Created a new lead (`merged: false`)'),
    200: success(LeadCreateResult, 'Merged into an existing lead (`merged: true`)'),
    ...errorResponses,
  },
});

export const listLeadsRoute = createApiRoute({
  method: 'get',
  path: '/v1/leads',
  middleware: guard.api(),
  tags,
  security,
  summary: 'List leads (keyset pagination, filters, full-text `q`)',
  request: { query: LeadListQuery },
  responses: { 200: success(listPage(Lead), 'A page of leads'), ...errorResponses },
});

export const getLeadRoute = createApiRoute({
  method: 'get',
  path: '/v1/leads/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Get a lead',
  request: { params: IdParams },
  responses: { 200: success(Lead, 'The lead'), ...errorResponses },
});

export const updateLeadRoute = createApiRoute({
  method: 'patch',
  path: '/v1/leads/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Update a lead (nested contact, property and attribution are merged)',
  request: { params: IdParams, body: jsonBody(LeadUpdate) },
  responses: { 200: success(Lead, 'The updated lead'), ...errorResponses },
});

export const scoreLeadRoute = createApiRoute({
  method: 'post',
  path: '/v1/leads/{id}/score',
  middleware: guard.api({ body: 'none' }),
  tags,
  security,
  summary: 'Score a lead with the organisation’s latest model',
  description:
    'Stores `score` (probability of converting × 100) and `score_details` (`probability`, `model_version`, `reasons` in plain words, per-feature `contributions`). Answers 409 `conflict` while the organisation has no model: train one with `hk-server model train --org ID`.',
  request: { params: IdParams },
  responses: {
    200: success(Lead, 'The scored lead'),
    ...errorResponses,
    409: jsonContent(ErrorEnvelope, '`conflict`: no model to score with yet (or `idempotency_in_progress`)'),
  },
});

export const deleteLeadRoute = createApiRoute({
  method: 'delete',
  path: '/v1/leads/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Delete a lead (`erase=true`: and every trace of the person)',
  description:
    'With `erase=true` the deals on the person’s property (linked to the lead) and the activities of the lead and of those deals are deleted too, and the person is removed from events (and so from event streams and their replays), webhook deliveries and their jobs, AI runs, form submissions and sequence enrolments. Idempotency records that name them are kept as tombstones: a retry of a request that wrote the person answers `404` (with `Idempotent-Replayed`) instead of storing them again. Only `lead.deleted` and `opportunity.deleted` events, with ids alone, remain.',
  request: { params: IdParams, query: LeadDeleteQuery },
  responses: { 200: success(Deleted, 'The lead was deleted'), ...errorResponses },
});

export const exportLeadRoute = createApiRoute({
  method: 'get',
  path: '/v1/leads/{id}/export',
  operationId: 'exportLead',
  // Not for a read-only session: the export holds webhook deliveries, whose errors name endpoints.
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'Export everything held about a lead’s person',
  description:
    'The lead, its form submissions, the consent history, the deals on the person’s property, the activities of the lead and of those deals, sequence enrolments, every event erasure would delete (about these, or naming the person) and their webhook deliveries. A secret key or a full session: the deliveries name the organisation’s endpoints, which a read-only session may not read.',
  request: { params: IdParams },
  responses: { 200: success(LeadExport, 'Everything held about the person'), ...errorResponses },
});
