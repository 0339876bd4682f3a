import { answerHoldsSecret } from '../../middleware/idempotency.js';
import { toApiKey } from '../../services/api-key-record.js';
import { listKeys, NEWEST_KEYS_FIRST, revokeKey, updateKey } from '../../services/api-key-store.js';
import { issueApiKey } from '../../services/issue-key.js';
import { toPage } from '../../services/pagination.js';
import { envelope, type Router } from '../openapi.js';
import {
  createApiKeyRoute,
  listApiKeysRoute,
  revokeApiKeyRoute,
  updateApiKeyRoute,
} from './api-keys.routes.js';

export function registerApiKeyRoutes(router: Router) {
  router.openapi(listApiKeysRoute, async (c) => {
    const query = c.req.valid('query');
    const rows = await listKeys(c.var.deps.db, c.var.auth.organizationId, {
      type: query.type,
      includeRevoked: query.include_revoked,
      cursor: query.cursor,
      limit: query.limit,
    });
    return c.json(envelope(c, toPage(rows, query.limit, NEWEST_KEYS_FIRST, toApiKey)), 200);
  });

  router.openapi(createApiKeyRoute, async (c) => {
    const input = c.req.valid('json');
    const { organization_id: _organization, ...issued } = await issueApiKey(c.var.deps, {
      organizationId: c.var.auth.organizationId,
      type: input.type,
      allowedOrigins: input.allowed_origins,
      name: input.name,
    });
    answerHoldsSecret(c);
    return c.json(envelope(c, issued), 201);
  });

  router.openapi(updateApiKeyRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const row = await updateKey(c.var.deps.db, c.var.auth.organizationId, id, {
      allowedOrigins: patch.allowed_origins,
      name: patch.name,
    });
    c.var.lookups.forgetKeys();
    return c.json(envelope(c, toApiKey(row)), 200);
  });

  router.openapi(revokeApiKeyRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { db, clock } = c.var.deps;
    const row = await revokeKey(db, c.var.auth.organizationId, id, clock());
    // Other instances drop their cached lookup within KEY_CACHE_MS; this one at once.
    c.var.lookups.forgetKeys();
    return c.json(envelope(c, toApiKey(row)), 200);
  });
}
