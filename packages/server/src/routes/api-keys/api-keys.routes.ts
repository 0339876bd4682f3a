import {
  ApiKey,
  ApiKeyCreate,
  ApiKeyListQuery,
  ApiKeyUpdate,
  ApiKeyWithSecret,
  listPage,
} from '@hidden-key/sdk/schemas';
import { guard } from '../../middleware/guards.js';
import { createApiRoute, errorResponses, IdParams, jsonBody, security, success } from '../openapi.js';

const tags = ['API keys'];

export const listApiKeysRoute = createApiRoute({
  method: 'get',
  path: '/v1/api-keys',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'List the organisation’s API keys (never the keys themselves)',
  request: { query: ApiKeyListQuery },
  responses: { 200: success(listPage(ApiKey), 'A page of keys, newest first'), ...errorResponses },
});

export const createApiKeyRoute = createApiRoute({
  method: 'post',
  path: '/v1/api-keys',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'Issue a key; the answer is the only time `key` is shown',
  description:
    'A publishable key (`pk_…`) may only create leads through `POST /v1/public/leads`, from its `allowed_origins`; ' +
    'a secret key (`sk_…`) has full access to the organisation and takes no origins.',
  request: { body: jsonBody(ApiKeyCreate) },
  responses: { 201: success(ApiKeyWithSecret, 'The new key, with `key` shown once'), ...errorResponses },
});

export const updateApiKeyRoute = createApiRoute({
  method: 'patch',
  path: '/v1/api-keys/{id}',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'Rename a key or change a publishable key’s allowed origins',
  request: { params: IdParams, body: jsonBody(ApiKeyUpdate) },
  responses: { 200: success(ApiKey, 'The key'), ...errorResponses },
});

export const revokeApiKeyRoute = createApiRoute({
  method: 'delete',
  path: '/v1/api-keys/{id}',
  operationId: 'revokeApiKey',
  middleware: guard.fullAccess(),
  tags,
  security,
  summary: 'Revoke a key: refused at once on every instance, with every session minted from it',
  request: { params: IdParams },
  responses: { 200: success(ApiKey, 'The revoked key, with `revoked_at`'), ...errorResponses },
});
