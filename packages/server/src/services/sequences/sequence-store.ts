import type { Sequence, SequenceCreate, SequenceListQuery, SequenceUpdate } from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import type * as z from 'zod';
import { sequences } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { afterCursor, newestFirst, orderByKeyset, toPage } from '../pagination.js';
import type { ResourceStore, Scope } from '../store.js';
import { type SequenceRow, toSequence } from './sequence-record.js';

const NEWEST_FIRST = newestFirst(sequences, (row: SequenceRow) => row.createdAt);

const scoped = (scope: Scope, id: string) =>
  and(eq(sequences.id, id), eq(sequences.organizationId, scope.organizationId));

/** Nova's sequences. Deleting one deletes its enrolments, so their pending steps find nothing to do. */
export const sequenceStore: ResourceStore<
  Sequence,
  z.output<typeof SequenceListQuery>,
  z.output<typeof SequenceCreate>,
  z.output<typeof SequenceUpdate>
> = {
  async list(db, scope, query) {
    const rows = await db
      .select()
      .from(sequences)
      .where(and(eq(sequences.organizationId, scope.organizationId), afterCursor(NEWEST_FIRST, query.cursor)))
      .orderBy(...orderByKeyset(NEWEST_FIRST))
      .limit(query.limit + 1);
    return toPage(rows, query.limit, NEWEST_FIRST, toSequence);
  },

  async get(db, scope, id) {
    const [row] = await db.select().from(sequences).where(scoped(scope, id)).limit(1);
    if (!row) throw notFound('Sequence');
    return toSequence(row);
  },

  async create(tx, scope, input) {
    const now = scope.deps.clock();
    const [row] = await tx
      .insert(sequences)
      .values({
        id: scope.deps.newId(),
        organizationId: scope.organizationId,
        name: input.name,
        steps: input.steps,
        quietHours: input.quiet_hours,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return toSequence(row!);
  },

  async update(tx, scope, id, patch) {
    const [row] = await tx
      .update(sequences)
      .set({
        name: patch.name,
        steps: patch.steps,
        quietHours: patch.quiet_hours,
        updatedAt: scope.deps.clock(),
      })
      .where(scoped(scope, id))
      .returning();
    if (!row) throw notFound('Sequence');
    return toSequence(row);
  },

  async remove(tx, scope, id) {
    const [row] = await tx.delete(sequences).where(scoped(scope, id)).returning({ id: sequences.id });
    if (!row) throw notFound('Sequence');
    return { id, deleted: true };
  },
};
