import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { leads, opportunities } from '../db/schema.js';
import { validationError } from '../errors.js';

const REFERENCED = { lead_id: leads, opportunity_id: opportunities } as const;

/**
 * A reference to another resource must point inside the caller's organisation; another
 * organisation's id is reported exactly like an id that does not exist.
 */
export async function assertReference(
  db: Executor,
  organizationId: string,
  field: keyof typeof REFERENCED,
  id: string | null | undefined,
) {
  if (!id) return;
  const table = REFERENCED[field];
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), eq(table.organizationId, organizationId)))
    .limit(1);
  if (!row) throw validationError({ [field]: ['No such resource in this organisation'] });
}
