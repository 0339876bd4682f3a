import type {
  Opportunity,
  OpportunityCreate,
  OpportunityListQuery,
  OpportunityMove,
  OpportunityUpdate,
} from '@hidden-key/sdk/schemas';
import { and, eq, sql } from 'drizzle-orm';
import type * as z from 'zod';
import type { Executor, Transaction } from '../../db/database.js';
import { opportunities } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { recordChange } from '../events.js';
import { compact, patchObject } from '../json-objects.js';
import { assertReference } from '../ownership.js';
import { afterCursor, type KeysetOrder, orderByKeyset, toPage } from '../pagination.js';
import type { ResourceStore, Scope } from '../store.js';
import { CLOSED_STAGES, type OpportunityRow, toOpportunity } from './opportunity-record.js';
import { endOfStage, placeInStage } from './positions.js';

type OpportunityQuery = z.output<typeof OpportunityListQuery>;

const OPPORTUNITY_ORDERS: Record<OpportunityQuery['sort'], KeysetOrder<OpportunityRow>> = {
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

const scoped = (scope: Scope, id: string) =>
  and(eq(opportunities.id, id), eq(opportunities.organizationId, scope.organizationId));

/** Serialises placements within one stage so two cards never take the same midpoint. */
const lockStage = (tx: Executor, scope: Scope, stage: string) =>
  tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`${scope.organizationId}:stage:${stage}`}, 0))`,
  );

async function lockedForUpdate(tx: Executor, scope: Scope, id: string) {
  const [existing] = await tx.select().from(opportunities).where(scoped(scope, id)).for('update');
  if (!existing) throw notFound('Opportunity');
  return existing;
}

export const opportunityStore: ResourceStore<
  Opportunity,
  OpportunityQuery,
  z.output<typeof OpportunityCreate>,
  z.output<typeof OpportunityUpdate>
> & {
  move(
    tx: Transaction,
    scope: Scope,
    id: string,
    move: z.output<typeof OpportunityMove>,
  ): Promise<Opportunity>;
} = {
  async list(db, scope, query) {
    const order = OPPORTUNITY_ORDERS[query.sort];
    const rows = await db
      .select()
      .from(opportunities)
      .where(
        and(
          eq(opportunities.organizationId, scope.organizationId),
          query.stage && eq(opportunities.stage, query.stage),
          query.deal_type && eq(opportunities.dealType, query.deal_type),
          query.lead_id ? eq(opportunities.leadId, query.lead_id) : undefined,
          afterCursor(order, query.cursor),
        ),
      )
      .orderBy(...orderByKeyset(order))
      .limit(query.limit + 1);
    return toPage(rows, query.limit, order, toOpportunity);
  },

  async get(db, scope, id) {
    const [row] = await db.select().from(opportunities).where(scoped(scope, id)).limit(1);
    if (!row) throw notFound('Opportunity');
    return toOpportunity(row);
  },

  async create(tx, scope, input) {
    const { organizationId, deps } = scope;
    await assertReference(tx, organizationId, 'lead_id', input.lead_id);
    await lockStage(tx, scope, input.stage);
    const now = deps.clock();
    const [row] = await tx
      .insert(opportunities)
      .values({
        id: deps.newId(),
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
    const opportunity = toOpportunity(row!);
    await recordChange(tx, scope, 'opportunity.created', opportunity, now);
    return opportunity;
  },

  async update(tx, scope, id, patch) {
    const existing = await lockedForUpdate(tx, scope, id);
    await assertReference(tx, scope.organizationId, 'lead_id', patch.lead_id);
    const now = scope.deps.clock();
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
      .where(scoped(scope, id))
      .returning();
    const opportunity = toOpportunity(row!);
    await recordChange(tx, scope, 'opportunity.updated', opportunity, now);
    return opportunity;
  },

  /** Moves a deal to a stage, between two neighbours or at its end; entering won/lost closes it. */
  async move(tx, scope, id, move) {
    await lockStage(tx, scope, move.stage);
    const existing = await lockedForUpdate(tx, scope, id);
    const position =
      move.position ??
      (await placeInStage(tx, {
        organizationId: scope.organizationId,
        stage: move.stage,
        movingId: id,
        afterId: move.after_id,
        beforeId: move.before_id,
      }));
    const now = scope.deps.clock();
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
      .where(scoped(scope, id))
      .returning();
    const opportunity = toOpportunity(row!);
    await recordChange(tx, scope, 'opportunity.moved', opportunity, now);
    return opportunity;
  },

  async remove(tx, scope, id) {
    const [row] = await tx.delete(opportunities).where(scoped(scope, id)).returning({ id: opportunities.id });
    if (!row) throw notFound('Opportunity');
    await recordChange(tx, scope, 'opportunity.deleted', { id });
    return { id, deleted: true };
  },
};
