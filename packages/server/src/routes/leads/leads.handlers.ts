import type { LeadListQuery } from '@hidden-key/sdk/schemas';
import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type * as z from 'zod';
import type { AppEnv } from '../../context.js';
import { leads } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { recordEvent } from '../../services/events.js';
import { createOrMergeLead, type LeadCreateContext } from '../../services/leads/create-lead.js';
import { type LeadRow, leadColumns, toLead } from '../../services/leads/lead-record.js';
import { updateLead } from '../../services/leads/update-lead.js';
import { organizationRegion } from '../../services/organizations.js';
import { afterCursor, type KeysetOrder, orderByKeyset, toPage } from '../../services/pagination.js';
import { requestOrigin } from '../../services/request-origin.js';
import { scoreLead } from '../../services/scoring/score-lead.js';
import { envelope, type Router } from '../openapi.js';
import {
  createLeadRoute,
  deleteLeadRoute,
  getLeadRoute,
  listLeadsRoute,
  scoreLeadRoute,
  updateLeadRoute,
} from './leads.routes.js';

type LeadSort = z.output<typeof LeadListQuery>['sort'];

const byTime = (
  name: string,
  column: typeof leads.createdAt,
  direction: 'asc' | 'desc',
  pick: (row: LeadRow) => Date,
) => ({ name, expression: column, kind: 'timestamp', direction, id: leads.id, valueOf: pick }) as const;

const LEAD_ORDERS: Record<LeadSort, KeysetOrder<LeadRow>> = {
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

async function leadContext(c: Context<AppEnv>): Promise<LeadCreateContext> {
  const { organizationId } = c.var.auth;
  return {
    deps: c.var.deps,
    organizationId,
    defaultRegion: await organizationRegion(c.var.deps.db, organizationId),
    origin: requestOrigin(c),
  };
}

export function registerLeadRoutes(router: Router) {
  router.openapi(createLeadRoute, async (c) => {
    const input = c.req.valid('json');
    const context = await leadContext(c);
    const result = await c.var.deps.db.transaction((tx) => createOrMergeLead(tx, context, input));
    return result.merged ? c.json(envelope(c, result.lead), 200) : c.json(envelope(c, result.lead), 201);
  });

  router.openapi(listLeadsRoute, async (c) => {
    const query = c.req.valid('query');
    const order = LEAD_ORDERS[query.sort];
    const filters: (SQL | undefined)[] = [
      eq(leads.organizationId, c.var.auth.organizationId),
      query.status && eq(leads.status, query.status),
      query.source !== undefined ? eq(leads.source, query.source) : undefined,
      query.priority && eq(leads.priority, query.priority),
      query.min_score !== undefined ? gte(leads.score, query.min_score) : undefined,
      query.q ? sql`${leads.search} @@ websearch_to_tsquery('simple', ${query.q})` : undefined,
      query.created_after ? gte(leads.createdAt, new Date(query.created_after)) : undefined,
      query.created_before ? lt(leads.createdAt, new Date(query.created_before)) : undefined,
      afterCursor(order, query.cursor),
    ];
    const rows = await c.var.deps.db
      .select(leadColumns)
      .from(leads)
      .where(and(...filters))
      .orderBy(...orderByKeyset(order))
      .limit(query.limit + 1);
    return c.json(envelope(c, toPage(rows, query.limit, order, toLead)), 200);
  });

  router.openapi(getLeadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const [row] = await c.var.deps.db
      .select(leadColumns)
      .from(leads)
      .where(and(eq(leads.id, id), eq(leads.organizationId, c.var.auth.organizationId)))
      .limit(1);
    if (!row) throw notFound('Lead');
    return c.json(envelope(c, toLead(row)), 200);
  });

  router.openapi(updateLeadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const context = await leadContext(c);
    const lead = await c.var.deps.db.transaction((tx) => updateLead(tx, context, id, patch));
    if (!lead) throw notFound('Lead');
    return c.json(envelope(c, lead), 200);
  });

  router.openapi(scoreLeadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { db, scorers, clock } = c.var.deps;
    const context = { organizationId: c.var.auth.organizationId, scorers, now: clock() };
    const lead = await db.transaction((tx) => scoreLead(tx, context, id));
    return c.json(envelope(c, lead), 200);
  });

  router.openapi(deleteLeadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { organizationId } = c.var.auth;
    const deleted = await c.var.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .delete(leads)
        .where(and(eq(leads.id, id), eq(leads.organizationId, organizationId)))
        .returning({ id: leads.id });
      if (!row) return false;
      await recordEvent(tx, {
        organizationId,
        type: 'lead.deleted',
        resourceId: id,
        data: { id },
        createdAt: c.var.deps.clock(),
      });
      return true;
    });
    if (!deleted) throw notFound('Lead');
    return c.json(envelope(c, { id, deleted: true as const }), 200);
  });
}
