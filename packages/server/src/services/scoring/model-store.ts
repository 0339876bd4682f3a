import { modelFromJson, type RunRecord, type TreeModel } from '@hidden-key/scoring';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/database.js';
import { models } from '../../db/schema.js';

/** Which model scores an organisation's leads now: its highest version. */
export interface ModelRef {
  id: string;
  version: number;
}

export interface StoredModel extends ModelRef {
  organizationId: string;
  format: string;
  model: TreeModel;
  run: RunRecord;
  createdAt: Date;
}

/** The organisation's latest model (id and version only, a cheap indexed read), or null. */
export async function latestModelRef(db: Executor, organizationId: string): Promise<ModelRef | null> {
  const [row] = await db
    .select({ id: models.id, version: models.version })
    .from(models)
    .where(eq(models.organizationId, organizationId))
    .orderBy(desc(models.version))
    .limit(1);
  return row ?? null;
}

export async function loadModel(
  db: Executor,
  organizationId: string,
  id: string,
): Promise<StoredModel | null> {
  const [row] = await db
    .select()
    .from(models)
    .where(and(eq(models.organizationId, organizationId), eq(models.id, id)))
    .limit(1);
  if (!row) return null;
  return { ...row, model: modelFromJson(row.model), run: row.run as unknown as RunRecord };
}

/**
 * Stores a new model as the organisation's next version. A transaction-scoped advisory lock on the
 * organisation makes two concurrent trainings take distinct versions instead of colliding.
 */
export async function saveModel(
  tx: Transaction,
  input: { id: string; organizationId: string; model: TreeModel; run: RunRecord; createdAt: Date },
): Promise<StoredModel> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`models:${input.organizationId}`}, 0))`,
  );
  const latest = await latestModelRef(tx, input.organizationId);
  const [row] = await tx
    .insert(models)
    .values({
      id: input.id,
      organizationId: input.organizationId,
      version: (latest?.version ?? 0) + 1,
      format: input.model.format,
      model: input.model as unknown as Record<string, unknown>,
      run: input.run as unknown as Record<string, unknown>,
      createdAt: input.createdAt,
    })
    .returning();
  return { ...row!, model: input.model, run: input.run };
}
