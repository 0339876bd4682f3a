import type { Activity } from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import { activities } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { recordEvent } from '../../services/events.js';
import { patchObject } from '../../services/json-objects.js';
import { assertReference } from '../../services/ownership.js';
import { afterCursor, type KeysetOrder, orderByKeyset, toPage } from '../../services/pagination.js';
import { envelope, type Router } from '../openapi.js';
import {
  createActivityRoute,
  deleteActivityRoute,
  getActivityRoute,
  listActivitiesRoute,
  updateActivityRoute,
} from './activities.routes.js';

type ActivityRow = typeof activities.$inferSelect;

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const dateOrNull = (value: string | null | undefined) =>
  value === undefined ? undefined : value ? new Date(value) : null;

function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    organization_id: row.organizationId,
    type: row.type as Activity['type'],
    status: row.status as Activity['status'],
    subject: row.subject,
    description: row.description,
    metadata: row.metadata,
    scheduled_at: iso(row.scheduledAt),
    completed_at: iso(row.completedAt),
    assigned_to: row.assignedTo,
    lead_id: row.leadId,
    opportunity_id: row.opportunityId,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const NEWEST_FIRST: KeysetOrder<ActivityRow> = {
  name: '-created_at',
  expression: activities.createdAt,
  kind: 'timestamp',
  direction: 'desc',
  id: activities.id,
  valueOf: (row) => row.createdAt,
};

const scoped = (id: string, organizationId: string) =>
  and(eq(activities.id, id), eq(activities.organizationId, organizationId));

export function registerActivityRoutes(router: Router) {
  router.openapi(createActivityRoute, async (c) => {
    const input = c.req.valid('json');
    const { organizationId } = c.var.auth;
    const { db, clock, newId } = c.var.deps;
    const activity = await db.transaction(async (tx) => {
      await assertReference(tx, organizationId, 'lead_id', input.lead_id);
      await assertReference(tx, organizationId, 'opportunity_id', input.opportunity_id);
      const now = clock();
      const [row] = await tx
        .insert(activities)
        .values({
          id: newId(),
          organizationId,
          type: input.type,
          status: input.status,
          subject: input.subject ?? null,
          description: input.description ?? null,
          metadata: input.metadata ?? {},
          scheduledAt: dateOrNull(input.scheduled_at) ?? null,
          completedAt: dateOrNull(input.completed_at) ?? (input.status === 'completed' ? now : null),
          assignedTo: input.assigned_to ?? null,
          leadId: input.lead_id ?? null,
          opportunityId: input.opportunity_id ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const created = toActivity(row!);
      await recordEvent(tx, {
        organizationId,
        type: 'activity.created',
        resourceId: created.id,
        data: created,
        createdAt: now,
      });
      return created;
    });
    return c.json(envelope(c, activity), 201);
  });

  router.openapi(listActivitiesRoute, async (c) => {
    const query = c.req.valid('query');
    const rows = await c.var.deps.db
      .select()
      .from(activities)
      .where(
        and(
          eq(activities.organizationId, c.var.auth.organizationId),
          query.type && eq(activities.type, query.type),
          query.status && eq(activities.status, query.status),
          query.lead_id ? eq(activities.leadId, query.lead_id) : undefined,
          query.opportunity_id ? eq(activities.opportunityId, query.opportunity_id) : undefined,
          afterCursor(NEWEST_FIRST, query.cursor),
        ),
      )
      .orderBy(...orderByKeyset(NEWEST_FIRST))
      .limit(query.limit + 1);
    return c.json(envelope(c, toPage(rows, query.limit, NEWEST_FIRST, toActivity)), 200);
  });

  router.openapi(getActivityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const [row] = await c.var.deps.db
      .select()
      .from(activities)
      .where(scoped(id, c.var.auth.organizationId))
      .limit(1);
    if (!row) throw notFound('Activity');
    return c.json(envelope(c, toActivity(row)), 200);
  });

  router.openapi(updateActivityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { organizationId } = c.var.auth;
    const { db, clock } = c.var.deps;
    const activity = await db.transaction(async (tx) => {
      const [existing] = await tx.select().from(activities).where(scoped(id, organizationId)).for('update');
      if (!existing) throw notFound('Activity');
      await assertReference(tx, organizationId, 'lead_id', patch.lead_id);
      await assertReference(tx, organizationId, 'opportunity_id', patch.opportunity_id);
      const now = clock();
      const completing = patch.status === 'completed' && existing.status !== 'completed';
      const [row] = await tx
        .update(activities)
        .set({
          type: patch.type,
          status: patch.status,
          subject: patch.subject,
          description: patch.description,
          metadata: patch.metadata && patchObject(existing.metadata, patch.metadata),
          scheduledAt: dateOrNull(patch.scheduled_at),
          completedAt:
            patch.completed_at !== undefined
              ? dateOrNull(patch.completed_at)
              : completing && !existing.completedAt
                ? now
                : undefined,
          assignedTo: patch.assigned_to,
          leadId: patch.lead_id,
          opportunityId: patch.opportunity_id,
          updatedAt: now,
        })
        .where(scoped(id, organizationId))
        .returning();
      const updated = toActivity(row!);
      await recordEvent(tx, {
        organizationId,
        type: 'activity.updated',
        resourceId: id,
        data: updated,
        createdAt: now,
      });
      return updated;
    });
    return c.json(envelope(c, activity), 200);
  });

  router.openapi(deleteActivityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { organizationId } = c.var.auth;
    const { db, clock } = c.var.deps;
    const deleted = await db.transaction(async (tx) => {
      const [row] = await tx
        .delete(activities)
        .where(scoped(id, organizationId))
        .returning({ id: activities.id });
      if (!row) return false;
      await recordEvent(tx, {
        organizationId,
        type: 'activity.deleted',
        resourceId: id,
        data: { id },
        createdAt: clock(),
      });
      return true;
    });
    if (!deleted) throw notFound('Activity');
    return c.json(envelope(c, { id, deleted: true as const }), 200);
  });
}
