import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { activities } from '../../db/schema.js';

/**
 * The activities of a lead whose metadata contains `marker`: how a background step that writes
 * activities finds what an earlier try of it already wrote (the worker died before recording the
 * outcome), so running it again writes nothing twice.
 */
export async function markedActivityIds(
  db: Executor,
  organizationId: string,
  leadId: string,
  marker: Record<string, unknown>,
): Promise<string[]> {
  const rows = await db
    .select({ id: activities.id })
    .from(activities)
    .where(
      and(
        eq(activities.organizationId, organizationId),
        eq(activities.leadId, leadId),
        sql`${activities.metadata} @> ${JSON.stringify(marker)}::jsonb`,
      ),
    )
    .orderBy(activities.createdAt, activities.id);
  return rows.map((row) => row.id);
}
