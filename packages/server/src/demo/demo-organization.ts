import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../context.js';
import { apiKeys, organizations } from '../db/schema.js';
import { type IssuedApiKey, issueApiKey } from '../services/issue-key.js';
import { type CreatedOrganization, createOrganization } from '../services/organizations.js';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'newId' | 'hashKey'>;

export const DEMO_ORGANIZATION_NAME = 'Hidden Key Demo';

/** The demo organisation (marked `settings.demo`), created on first use; `created` holds its keys that one time. */
export async function ensureDemoOrganization(
  deps: Deps,
): Promise<{ organizationId: string; created: CreatedOrganization | null }> {
  const [existing] = await deps.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(sql`${organizations.settings} ->> 'demo' = 'true'`)
    .limit(1);
  if (existing) return { organizationId: existing.id, created: null };
  const created = await createOrganization(deps, { name: DEMO_ORGANIZATION_NAME });
  await deps.db
    .update(organizations)
    .set({ settings: { demo: true } })
    .where(eq(organizations.id, created.organization_id));
  return { organizationId: created.organization_id, created };
}

/**
 * A fresh publishable key for the demo page, allowed for the origins it is served from this time
 * (the port may change between starts). Keys are stored hashed, so the previous one cannot be
 * read back; it is revoked instead.
 */
export async function rotateDemoPublishableKey(
  deps: Deps,
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
