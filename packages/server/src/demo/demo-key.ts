import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../context.js';
import { apiKeys } from '../db/schema.js';
import { type IssuedApiKey, issueApiKey } from '../services/issue-key.js';

/**
 * A fresh publishable key for the demo's partner page, allowed for the origins the demo is served
 * from this time (the port may change between starts). Keys are stored hashed, so the previous
 * one cannot be read back to put in the page; it is revoked instead.
 */
export async function rotateDemoPublishableKey(
  deps: Pick<AppDeps, 'db' | 'clock' | 'newId' | 'hashKey'>,
  organizationId: string,
  origins: string[],
): Promise<IssuedApiKey> {
  await deps.db
    .update(apiKeys)
    .set({ revokedAt: deps.clock() })
    .where(
      and(
        eq(apiKeys.organizationId, organizationId),
        eq(apiKeys.type, 'publishable'),
        isNull(apiKeys.revokedAt),
      ),
    );
  return issueApiKey(deps, { organizationId, type: 'publishable', allowedOrigins: origins });
}
