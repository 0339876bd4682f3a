import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { organizations } from '../../db/schema.js';

export async function organizationExists(db: Executor, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return row !== undefined;
}
