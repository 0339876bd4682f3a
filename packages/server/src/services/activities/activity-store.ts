import type { Activity, ActivityCreate, ActivityListQuery, ActivityUpdate } from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import type * as z from 'zod';
import { activities } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { recordChange } from '../events.js';
import { patchObject } from '../json-objects.js';
import { assertReference } from '../ownership.js';
import { afterCursor, newestFirst, orderByKeyset, toPage } from '../pagination.js';
import { type ResourceStore, type Scope, toDateOrNull } from '../store.js';
import { type ActivityRow, toActivity } from './activity-record.js';

const NEWEST_FIRST = newestFirst(activities, (row: ActivityRow) => row.createdAt);

const scoped = (scope: Scope, id: string) =>
  and(eq(activities.id, id), eq(activities.organizationId, scope.organizationId));

export const activityStore: ResourceStore<
  Activity,
  z.output<typeof ActivityListQuery>,
  z.output<typeof ActivityCreate>,
  z.output<typeof ActivityUpdate>
> = {
  async list(db, scope, query) {
    const rows = await db
      .select()
      .from(activities)
      .where(
        and(
          eq(activities.organizationId, scope.organizationId),
          query.type && eq(activities.type, query.type),
          query.status && eq(activities.status, query.status),
          query.lead_id ? eq(activities.leadId, query.lead_id) : undefined,
          query.opportunity_id ? eq(activities.opportunityId, query.opportunity_id) : undefined,
          afterCursor(NEWEST_FIRST, query.cursor),
        ),
      )
      .orderBy(...orderByKeyset(NEWEST_FIRST))
      .limit(query.limit + 1);
    return toPage(rows, query.limit, NEWEST_FIRST, toActivity);
  },

  async get(db, scope, id) {
    const [row] = await db.select().from(activities).where(scoped(scope, id)).limit(1);
    if (!row) throw notFound('Activity');
    return toActivity(row);
  },

  async create(tx, scope, input) {
    const { organizationId, deps } = scope;
    await assertReference(tx, organizationId, 'lead_id', input.lead_id);
    await assertReference(tx, organizationId, 'opportunity_id', input.opportunity_id);
    const now = deps.clock();
    const [row] = await tx
      .insert(activities)
      .values({
        id: deps.newId(),
        organizationId,
        type: input.type,
        status: input.status,
        subject: input.subject ?? null,
        description: input.description ?? null,
        metadata: input.metadata ?? {},
        scheduledAt: toDateOrNull(input.scheduled_at) ?? null,
        completedAt: toDateOrNull(input.completed_at) ?? (input.status === 'completed' ? now : null),
        assignedTo: input.assigned_to ?? null,
        leadId: input.lead_id ?? null,
        opportunityId: input.opportunity_id ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const activity = toActivity(row!);
    await recordChange(tx, scope, 'activity.created', activity, now);
    return activity;
  },

  async update(tx, scope, id, patch) {
    const { organizationId, deps } = scope;
    const [existing] = await tx.select().from(activities).where(scoped(scope, id)).for('update');
    if (!existing) throw notFound('Activity');
    await assertReference(tx, organizationId, 'lead_id', patch.lead_id);
    await assertReference(tx, organizationId, 'opportunity_id', patch.opportunity_id);
    const now = deps.clock();
    const completing = patch.status === 'completed' && existing.status !== 'completed';
    const [row] = await tx
      .update(activities)
      .set({
        type: patch.type,
        status: patch.status,
        subject: patch.subject,
        description: patch.description,
        metadata: patch.metadata && patchObject(existing.metadata, patch.metadata),
        scheduledAt: toDateOrNull(patch.scheduled_at),
        completedAt:
          patch.completed_at !== undefined
            ? toDateOrNull(patch.completed_at)
            : completing && !existing.completedAt
              ? now
              : undefined,
        assignedTo: patch.assigned_to,
        leadId: patch.lead_id,
        opportunityId: patch.opportunity_id,
        updatedAt: now,
      })
      .where(scoped(scope, id))
      .returning();
    const activity = toActivity(row!);
    await recordChange(tx, scope, 'activity.updated', activity, now);
    return activity;
  },

  async remove(tx, scope, id) {
    const [row] = await tx.delete(activities).where(scoped(scope, id)).returning({ id: activities.id });
    if (!row) throw notFound('Activity');
    await recordChange(tx, scope, 'activity.deleted', { id });
    return { id, deleted: true };
  },
};
