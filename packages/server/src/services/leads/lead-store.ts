import type { Lead, LeadCreateResult, LeadListQuery, LeadUpdate } from '@hidden-key/sdk/schemas';
import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type * as z from 'zod';
import type { Transaction } from '../../db/database.js';
import { leads } from '../../db/schema.js';
import { withoutTenantBarrier } from '../../db/tenant.js';
import { notFound } from '../../errors.js';
import { recordChange } from '../events.js';
import { compact } from '../json-objects.js';
import { afterCursor, type KeysetOrder, orderByKeyset, toPage } from '../pagination.js';
import { scoreLead } from '../scoring/score-lead.js';
import { searchCondition } from '../search.js';
import { type ResourceStore, regionOf, type Scope } from '../store.js';
import { createOrMergeLead, type LeadCreateContext, type LeadCreateInput } from './create-lead.js';
import { type LeadRow, leadColumns, toLead } from './lead-record.js';
import { recordSubmission } from './lead-submissions.js';
import { updateLead } from './update-lead.js';

type LeadQuery = z.output<typeof LeadListQuery>;

const byTime = (
  name: string,
  column: typeof leads.createdAt,
  direction: 'asc' | 'desc',
  pick: (row: LeadRow) => Date,
) =>
  ({
    name,
    expression: column,
    kind: 'timestamp',
    direction,
    // Oldest first walks the newest-first index backwards, where nulls come first.
    nulls: direction === 'asc' ? 'first' : 'last',
    id: leads.id,
    valueOf: pick,
  }) as const;

const LEAD_ORDERS: Record<LeadQuery['sort'], KeysetOrder<LeadRow>> = {
  '-created_at': byTime('-created_at', leads.createdAt, 'desc', (row) => row.createdAt),
  created_at: byTime('created_at', leads.createdAt, 'asc', (row) => row.createdAt),
  '-updated_at': byTime('-updated_at', leads.updatedAt, 'desc', (row) => row.updatedAt),
  '-priority': {
    name: '-priority',
    expression: leads.priorityRank,
    kind: 'number',
    direction: 'desc',
    id: leads.id,
    valueOf: (row) => row.priorityRank ?? 0,
  },
  '-score': {
    name: '-score',
    expression: sql`coalesce(${leads.score}, -1)`,
    kind: 'number',
    direction: 'desc',
    id: leads.id,
    valueOf: (row) => row.score ?? -1,
  },
};

const scoped = (scope: Scope, id: string) =>
  and(eq(leads.id, id), eq(leads.organizationId, scope.organizationId));

/** What creating and updating a lead need beside the scope: the region phone numbers are read in. */
async function writeContext(tx: Transaction, scope: Scope): Promise<LeadCreateContext> {
  return {
    deps: scope.deps,
    organizationId: scope.organizationId,
    defaultRegion: await regionOf(tx, scope),
    origin: scope.origin,
  };
}

export const leadStore: ResourceStore<
  Lead,
  LeadQuery,
  LeadCreateInput,
  z.output<typeof LeadUpdate>,
  LeadCreateResult
> & {
  score(tx: Transaction, scope: Scope, id: string): Promise<Lead>;
} = {
  async list(db, scope, query) {
    const order = LEAD_ORDERS[query.sort];
    const filters: (SQL | undefined)[] = [
      eq(leads.organizationId, scope.organizationId),
      query.status && eq(leads.status, query.status),
      query.source !== undefined ? eq(leads.source, query.source) : undefined,
      query.priority && eq(leads.priority, query.priority),
      query.min_score !== undefined ? gte(leads.score, query.min_score) : undefined,
      query.q
        ? searchCondition(
            query.q,
            { vector: leads.search, phone: leads.contactPhone },
            await regionOf(db, scope),
          )
        : undefined,
      query.created_after ? gte(leads.createdAt, new Date(query.created_after)) : undefined,
      query.created_before ? lt(leads.createdAt, new Date(query.created_before)) : undefined,
      afterCursor(order, query.cursor),
    ];
    const read = () =>
      db
        .select(leadColumns)
        .from(leads)
        .where(and(...filters))
        .orderBy(...orderByKeyset(order))
        .limit(query.limit + 1);
    // A search needs its GIN index, which the tenant policy's barrier rules out; the first filter
    // above keeps the read to the organisation.
    const rows = query.q ? await withoutTenantBarrier(db, read) : await read();
    return toPage(rows, query.limit, order, toLead);
  },

  async get(db, scope, id) {
    const [row] = await db.select(leadColumns).from(leads).where(scoped(scope, id)).limit(1);
    if (!row) throw notFound('Lead');
    return toLead(row);
  },

  /** Creates a lead, or merges it into the one with the same email or phone (`merged: true`). */
  async create(tx, scope, input) {
    const { lead, merged } = await createOrMergeLead(tx, await writeContext(tx, scope), input);
    // A merge fills only the lead's empty fields; what was sent is kept whole as a submission.
    if (merged) {
      const { consent, ...sent } = input;
      await recordSubmission(tx, scope, {
        leadId: lead.id,
        resubmission: true,
        data: compact(sent),
        consent,
      });
    }
    return lead;
  },

  async update(tx, scope, id, patch) {
    const lead = await updateLead(tx, await writeContext(tx, scope), id, patch);
    if (!lead) throw notFound('Lead');
    return lead;
  },

  /** Scores the lead with the organisation's latest model (409 while it has none). */
  async score(tx, scope, id) {
    const { scorers, clock } = scope.deps;
    return scoreLead(tx, { organizationId: scope.organizationId, scorers, now: clock() }, id);
  },

  async remove(tx, scope, id) {
    const [row] = await tx.delete(leads).where(scoped(scope, id)).returning({ id: leads.id });
    if (!row) throw notFound('Lead');
    await recordChange(tx, scope, 'lead.deleted', { id });
    return { id, deleted: true };
  },
};
