import type { OpportunityListQuery } from '@hidden-key/sdk/schemas';
import { and, eq, sql } from 'drizzle-orm';
import type * as z from 'zod';
import { opportunities } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { recordEvent } from '../../services/events.js';
import { compact, patchObject } from '../../services/json-objects.js';
import {
  CLOSED_STAGES,
  type OpportunityRow,
  toOpportunity,
} from '../../services/opportunities/opportunity-record.js';
import { pipelineSummary } from '../../services/opportunities/pipeline.js';
import { endOfStage, placeInStage } from '../../services/opportunities/positions.js';
import { assertReference } from '../../services/ownership.js';
import { afterCursor, type KeysetOrder, orderByKeyset, toPage } from '../../services/pagination.js';
import { envelope, type Router } from '../openapi.js';
import {
  createOpportunityRoute,
  deleteOpportunityRoute,
  getOpportunityRoute,
  listOpportunitiesRoute,
  moveOpportunityRoute,
  pipelineRoute,
  updateOpportunityRoute,
} from './opportunities.routes.js';

type OpportunitySort = z.output<typeof OpportunityListQuery>['sort'];

const OPPORTUNITY_ORDERS: Record<OpportunitySort, KeysetOrder<OpportunityRow>> = {
  '-created_at': {
    name: '-created_at',
    expression: opportunities.createdAt,
    kind: 'timestamp',
    direction: 'desc',
    id: opportunities.id,
    valueOf: (row) => row.createdAt,
  },
  position: {
    name: 'position',
    expression: opportunities.position,
    kind: 'number',
    direction: 'asc',
    id: opportunities.id,
    valueOf: (row) => row.position,
  },
};

const scoped = (id: string, organizationId: string) =>
  and(eq(opportunities.id, id), eq(opportunities.organizationId, organizationId));

/** Serialises moves within one stage so two cards never take the same midpoint. */
const lockStage = (organizationId: string, stage: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`${organizationId}:stage:${stage}`}, 0))`;

export function registerOpportunityRoutes(router: Router) {
  router.openapi(createOpportunityRoute, async (c) => {
    const input = c.req.valid('json');
    const { organizationId } = c.var.auth;
    const { db, clock, newId } = c.var.deps;
    const opportunity = await db.transaction(async (tx) => {
      await assertReference(tx, organizationId, 'lead_id', input.lead_id);
      await tx.execute(lockStage(organizationId, input.stage));
      const now = clock();
      const [row] = await tx
        .insert(opportunities)
        .values({
          id: newId(),
          organizationId,
          leadId: input.lead_id ?? null,
          title: input.title ?? null,
          stage: input.stage,
          dealType: input.deal_type,
          propertyValue: input.property_value ?? null,
          offerAmount: input.offer_amount ?? null,
          estimatedProfit: input.estimated_profit ?? null,
          property: compact(input.property),
          analysis: input.analysis ?? null,
          closeDate: input.close_date ?? null,
          position: input.position ?? (await endOfStage(tx, { organizationId, stage: input.stage })),
          stageChangedAt: now,
          closedAt: CLOSED_STAGES.has(input.stage) ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const created = toOpportunity(row!);
      await recordEvent(tx, {
        organizationId,
        type: 'opportunity.created',
        resourceId: created.id,
        data: created,
        createdAt: now,
      });
      return created;
    });
    return c.json(envelope(c, opportunity), 201);
  });

  router.openapi(listOpportunitiesRoute, async (c) => {
    const query = c.req.valid('query');
    const order = OPPORTUNITY_ORDERS[query.sort];
    const rows = await c.var.deps.db
      .select()
      .from(opportunities)
      .where(
        and(
          eq(opportunities.organizationId, c.var.auth.organizationId),
          query.stage && eq(opportunities.stage, query.stage),
          query.deal_type && eq(opportunities.dealType, query.deal_type),
          query.lead_id ? eq(opportunities.leadId, query.lead_id) : undefined,
          afterCursor(order, query.cursor),
        ),
      )
      .orderBy(...orderByKeyset(order))
      .limit(query.limit + 1);
    return c.json(envelope(c, toPage(rows, query.limit, order, toOpportunity)), 200);
  });

  router.openapi(getOpportunityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const [row] = await c.var.deps.db
      .select()
      .from(opportunities)
      .where(scoped(id, c.var.auth.organizationId))
      .limit(1);
    if (!row) throw notFound('Opportunity');
    return c.json(envelope(c, toOpportunity(row)), 200);
  });

  router.openapi(updateOpportunityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { organizationId } = c.var.auth;
    const { db, clock } = c.var.deps;
    const opportunity = await db.transaction(async (tx) => {
      const [existing] = await tx
        .select()
        .from(opportunities)
        .where(scoped(id, organizationId))
        .for('update');
      if (!existing) throw notFound('Opportunity');
      await assertReference(tx, organizationId, 'lead_id', patch.lead_id);
      const now = clock();
      const [row] = await tx
        .update(opportunities)
        .set({
          leadId: patch.lead_id,
          title: patch.title,
          dealType: patch.deal_type,
          propertyValue: patch.property_value,
          offerAmount: patch.offer_amount,
          estimatedProfit: patch.estimated_profit,
          property: patch.property && patchObject(existing.property, patch.property),
          analysis: patch.analysis,
          closeDate: patch.close_date,
          updatedAt: now,
        })
        .where(scoped(id, organizationId))
        .returning();
      const updated = toOpportunity(row!);
      await recordEvent(tx, {
        organizationId,
        type: 'opportunity.updated',
        resourceId: id,
        data: updated,
        createdAt: now,
      });
      return updated;
    });
    return c.json(envelope(c, opportunity), 200);
  });

  router.openapi(moveOpportunityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const move = c.req.valid('json');
    const { organizationId } = c.var.auth;
    const { db, clock } = c.var.deps;
    const opportunity = await db.transaction(async (tx) => {
      await tx.execute(lockStage(organizationId, move.stage));
      const [existing] = await tx
        .select()
        .from(opportunities)
        .where(scoped(id, organizationId))
        .for('update');
      if (!existing) throw notFound('Opportunity');
      const position =
        move.position ??
        (await placeInStage(tx, {
          organizationId,
          stage: move.stage,
          movingId: id,
          afterId: move.after_id,
          beforeId: move.before_id,
        }));
      const now = clock();
      const stageChanged = existing.stage !== move.stage;
      const [row] = await tx
        .update(opportunities)
        .set({
          stage: move.stage,
          position,
          stageChangedAt: stageChanged ? now : undefined,
          closedAt: stageChanged ? (CLOSED_STAGES.has(move.stage) ? now : null) : undefined,
          updatedAt: now,
        })
        .where(scoped(id, organizationId))
        .returning();
      const moved = toOpportunity(row!);
      await recordEvent(tx, {
        organizationId,
        type: 'opportunity.moved',
        resourceId: id,
        data: moved,
        createdAt: now,
      });
      return moved;
    });
    return c.json(envelope(c, opportunity), 200);
  });

  router.openapi(deleteOpportunityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { organizationId } = c.var.auth;
    const { db, clock } = c.var.deps;
    const deleted = await db.transaction(async (tx) => {
      const [row] = await tx
        .delete(opportunities)
        .where(scoped(id, organizationId))
        .returning({ id: opportunities.id });
      if (!row) return false;
      await recordEvent(tx, {
        organizationId,
        type: 'opportunity.deleted',
        resourceId: id,
        data: { id },
        createdAt: clock(),
      });
      return true;
    });
    if (!deleted) throw notFound('Opportunity');
    return c.json(envelope(c, { id, deleted: true as const }), 200);
  });

  router.openapi(pipelineRoute, async (c) => {
    return c.json(envelope(c, await pipelineSummary(c.var.deps.db, c.var.auth.organizationId)), 200);
  });
}
