import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../context.js';
import { apiKeys, organizations } from '../db/schema.js';
import { type IssuedApiKey, issueApiKey } from '../services/issue-key.js';

/** Where the organisation's settings remember which key the demo issued for its own page. */
const DEMO_KEY_SETTING = 'demo_publishable_key_id';

/**
 * A fresh publishable key for the demo's partner page, allowed for the origins the demo is served
 * from this time (the port may change between starts). Keys are stored hashed, so the previous
 * one cannot be read back to put in the page: the demo revokes the one key it issued itself last
 * time (remembered in the organisation's settings) and leaves every other key alone.
 */
export async function rotateDemoPublishableKey(
  deps: Pick<AppDeps, 'db' | 'clock' | 'newId' | 'hashKey'>,
  organizationId: string,
  origins: string[],
): Promise<IssuedApiKey> {
  const [organization] = await deps.db
    .select({ previous: sql<string | null>`${organizations.settings}->>${DEMO_KEY_SETTING}` })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (organization?.previous) {
    await deps.db
      .update(apiKeys)
      .set({ revokedAt: deps.clock() })
      .where(and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.id, organization.previous)));
  }
  const issued = await issueApiKey(deps, {
    organizationId,
    type: 'publishable',
    allowedOrigins: origins,
    name: 'Demo partner page (replaced at each demo start)',
  });
  await deps.db
    .update(organizations)
    .set({
      settings: sql`${organizations.settings} || ${JSON.stringify({ [DEMO_KEY_SETTING]: issued.id })}::jsonb`,
    })
    .where(eq(organizations.id, organizationId));
  return issued;
}
