import type { ApiKey } from '@hidden-key/sdk/schemas';
import type { apiKeys } from '../db/schema.js';

/** A stored key as the API shows it: everything but its hash. */
export const toApiKey = (row: typeof apiKeys.$inferSelect): ApiKey => ({
  id: row.id,
  type: row.type,
  prefix: row.prefix,
  name: row.name,
  allowed_origins: row.allowedOrigins,
  created_at: row.createdAt.toISOString(),
  last_used_at: row.lastUsedAt?.toISOString() ?? null,
  revoked_at: row.revokedAt?.toISOString() ?? null,
});
