import {
  CLOSED_STAGES,
  type LeadStatus,
  type Opportunity,
  type OpportunityCreate,
  type OpportunityListQuery,
  type OpportunityMove,
  type OpportunityUpdate,
} from '@hidden-key/sdk/schemas';
import { and, eq, sql } from 'drizzle-orm';
import type * as z from 'zod';
import type { Executor, Transaction } from '../../db/database.js';
import { leads, opportunities } from '../../db/schema.js';
import { ApiError, notFound, validationError } from '../../errors.js';
import { recordChange } from '../events.js';
import { compact, patchObject } from '../json-objects.js';
import { leadColumns, toLead } from '../leads/lead-record.js';
import { assertReference } from '../ownership.js';
import { afterCursor, type KeysetOrder, newestFirst, orderByKeyset, toPage } from '../pagination.js';
import type { ResourceStore, Scope } from '../store.js';
import { type OpportunityRow, toOpportunity } from './opportunity-record.js';
import { endOfStage, placeInStage } from './positions.js';

type OpportunityQuery = z.output<typeof OpportunityListQuery>;

const OPPORTUNITY_ORDERS: Record<OpportunityQuery['sort'], KeysetOrder<OpportunityRow>> = {
  '-created_at': newestFirst(opportunities, (row) => row.createdAt),
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

/** Lead statuses that a deal made from the lead moves on to `qualified`; later ones stay. */
const QUALIFIES_ON_DEAL: ReadonlySet<LeadStatus> = new Set<LeadStatus>(['new', 'contacted']);

/**
 * A deal made from a lead starts from what the lead knows (its property and estimated value),
 * unless the caller gave its own, and a lead that was not yet qualified becomes qualified.
 */
async function startFromLead(tx: Executor, scope: Scope, input: z.output<typeof OpportunityCreate>) {
  if (!input.lead_id) return { property: input.property, propertyValue: input.property_value };
  const where = and(eq(leads.id, input.lead_id), eq(leads.organizationId, scope.organizationId));
  const [lead] = await tx.select(leadColumns).from(leads).where(where).limit(1).for('update');
  if (!lead) throw validationError({ lead_id: ['No such resource in this organisation'] });
  const leadProperty = (lead.property ?? {}) as NonNullable<Opportunity['property']>;
  if (QUALIFIES_ON_DEAL.has(lead.status as LeadStatus)) {
    const now = scope.deps.clock();
    const [row] = await tx
      .update(leads)
      .set({ status: 'qualified', updatedAt: now })
      .where(where)
      .returning(leadColumns);
    await recordChange(tx, scope, 'lead.updated', toLead(row!), now);
  }
  return {
    property: input.property ?? leadProperty,
    propertyValue:
      input.property_value === undefined ? (leadProperty.estimated_value ?? null) : input.property_value,
  };
}

/** Leaving won or lost reopens a deal: only on request, so a stray drag cannot undo a close. */
function assertReopenAllowed(existing: OpportunityRow, move: z.output<typeof OpportunityMove>) {
  const from = existing.stage as Opportunity['stage'];
  if (!CLOSED_STAGES.has(from) || from === move.stage || move.reopen) return;
  throw new ApiError(
    'deal_closed',
    `This deal is ${from}; moving it to ${move.stage} reopens it, so send reopen: true to confirm`,
    { stage: from, reopen: ['Required to move a closed deal to another stage'] },
  );
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
    const fromLead = await startFromLead(tx, scope, input);
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
        propertyValue: fromLead.propertyValue ?? null,
        offerAmount: input.offer_amount ?? null,
        estimatedProfit: input.estimated_profit ?? null,
        property: compact(fromLead.property),
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
    assertReopenAllowed(existing, move);
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
