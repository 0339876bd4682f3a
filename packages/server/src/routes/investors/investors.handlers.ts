import type { Investor } from '@hidden-key/sdk/schemas';
import { and, arrayContains, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { investors } from '../../db/schema.js';
import { notFound, validationError } from '../../errors.js';
import { normalizeEmail, normalizePhone } from '../../services/leads/normalize.js';
import { organizationRegion } from '../../services/organizations.js';
import { afterCursor, type KeysetOrder, orderByKeyset, toPage } from '../../services/pagination.js';
import { envelope, type Router } from '../openapi.js';
import {
  createInvestorRoute,
  deleteInvestorRoute,
  getInvestorRoute,
  listInvestorsRoute,
  updateInvestorRoute,
} from './investors.routes.js';

const { search: _search, ...investorColumns } = getTableColumns(investors);
type InvestorRow = Omit<typeof investors.$inferSelect, 'search'>;

function toInvestor(row: InvestorRow): Investor {
  return {
    id: row.id,
    organization_id: row.organizationId,
    name: row.name,
    company: row.company,
    contact: { email: row.contactEmail, phone: row.contactPhone },
    buy_box: {
      markets: row.markets,
      deal_types: row.dealTypes as Investor['buy_box']['deal_types'],
      min_price: row.minPrice,
      max_price: row.maxPrice,
    },
    notes: row.notes,
    tags: row.tags,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const NEWEST_FIRST: KeysetOrder<InvestorRow> = {
  name: '-created_at',
  expression: investors.createdAt,
  kind: 'timestamp',
  direction: 'desc',
  id: investors.id,
  valueOf: (row) => row.createdAt,
};

const scoped = (id: string, organizationId: string) =>
  and(eq(investors.id, id), eq(investors.organizationId, organizationId));

/** Investors' contacts are normalised like leads': lower-cased email, E.164 phone. */
async function normalizeContact(
  c: Context<AppEnv>,
  contact: { email?: string | null; phone?: string | null } | undefined,
) {
  if (!contact) return {};
  const region = contact.phone ? await organizationRegion(c.var.deps.db, c.var.auth.organizationId) : 'US';
  return {
    contactEmail: contact.email === undefined ? undefined : contact.email && normalizeEmail(contact.email),
    contactPhone:
      contact.phone === undefined
        ? undefined
        : contact.phone && normalizePhone(contact.phone, region, 'contact.phone'),
  };
}

export function registerInvestorRoutes(router: Router) {
  router.openapi(createInvestorRoute, async (c) => {
    const input = c.req.valid('json');
    const { db, clock, newId } = c.var.deps;
    const contact = await normalizeContact(c, input.contact);
    const now = clock();
    const [row] = await db
      .insert(investors)
      .values({
        id: newId(),
        organizationId: c.var.auth.organizationId,
        name: input.name,
        company: input.company ?? null,
        contactEmail: contact.contactEmail ?? null,
        contactPhone: contact.contactPhone ?? null,
        markets: input.buy_box?.markets ?? [],
        dealTypes: [...new Set(input.buy_box?.deal_types ?? [])],
        minPrice: input.buy_box?.min_price ?? null,
        maxPrice: input.buy_box?.max_price ?? null,
        notes: input.notes ?? null,
        tags: [...new Set(input.tags ?? [])],
        createdAt: now,
        updatedAt: now,
      })
      .returning(investorColumns);
    return c.json(envelope(c, toInvestor(row!)), 201);
  });

  router.openapi(listInvestorsRoute, async (c) => {
    const query = c.req.valid('query');
    const rows = await c.var.deps.db
      .select(investorColumns)
      .from(investors)
      .where(
        and(
          eq(investors.organizationId, c.var.auth.organizationId),
          query.deal_type ? arrayContains(investors.dealTypes, [query.deal_type]) : undefined,
          query.market ? arrayContains(investors.markets, [query.market]) : undefined,
          query.q ? sql`${investors.search} @@ websearch_to_tsquery('simple', ${query.q})` : undefined,
          afterCursor(NEWEST_FIRST, query.cursor),
        ),
      )
      .orderBy(...orderByKeyset(NEWEST_FIRST))
      .limit(query.limit + 1);
    return c.json(envelope(c, toPage(rows, query.limit, NEWEST_FIRST, toInvestor)), 200);
  });

  router.openapi(getInvestorRoute, async (c) => {
    const { id } = c.req.valid('param');
    const [row] = await c.var.deps.db
      .select(investorColumns)
      .from(investors)
      .where(scoped(id, c.var.auth.organizationId))
      .limit(1);
    if (!row) throw notFound('Investor');
    return c.json(envelope(c, toInvestor(row)), 200);
  });

  router.openapi(updateInvestorRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { organizationId } = c.var.auth;
    const { db, clock } = c.var.deps;
    const contact = await normalizeContact(c, patch.contact);
    const investor = await db.transaction(async (tx) => {
      const [existing] = await tx
        .select(investorColumns)
        .from(investors)
        .where(scoped(id, organizationId))
        .for('update');
      if (!existing) throw notFound('Investor');
      const box = patch.buy_box;
      // The contract's partial buy box still defaults omitted lists to []: only lists actually sent replace.
      const sentBox = ((await c.req.json()) as { buy_box?: Record<string, unknown> }).buy_box ?? {};
      const minPrice = box?.min_price === undefined ? existing.minPrice : box.min_price;
      const maxPrice = box?.max_price === undefined ? existing.maxPrice : box.max_price;
      if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
        throw validationError({ 'buy_box.max_price': ['min_price must not exceed max_price'] });
      }
      const [row] = await tx
        .update(investors)
        .set({
          name: patch.name,
          company: patch.company,
          ...contact,
          markets: 'markets' in sentBox ? box?.markets : undefined,
          dealTypes: 'deal_types' in sentBox && box?.deal_types ? [...new Set(box.deal_types)] : undefined,
          minPrice,
          maxPrice,
          notes: patch.notes,
          tags: patch.tags && [...new Set(patch.tags)],
          updatedAt: clock(),
        })
        .where(scoped(id, organizationId))
        .returning(investorColumns);
      return toInvestor(row!);
    });
    return c.json(envelope(c, investor), 200);
  });

  router.openapi(deleteInvestorRoute, async (c) => {
    const { id } = c.req.valid('param');
    const [row] = await c.var.deps.db
      .delete(investors)
      .where(scoped(id, c.var.auth.organizationId))
      .returning({ id: investors.id });
    if (!row) throw notFound('Investor');
    return c.json(envelope(c, { id, deleted: true as const }), 200);
  });
}
