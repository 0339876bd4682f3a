import type { Investor, InvestorCreate, InvestorListQuery, InvestorUpdate } from '@hidden-key/sdk/schemas';
import { and, arrayContains, eq } from 'drizzle-orm';
import type * as z from 'zod';
import { foldAccents } from '../../db/accent-folding.js';
import type { Executor } from '../../db/database.js';
import { investors } from '../../db/schema.js';
import { withoutTenantBarrier } from '../../db/tenant.js';
import { notFound, validationError } from '../../errors.js';
import { recordChange } from '../events.js';
import { normalizeEmail, normalizePhone } from '../leads/normalize.js';
import { afterCursor, newestFirst, orderByKeyset, toPage } from '../pagination.js';
import { searchCondition } from '../search.js';
import { type ResourceStore, regionOf, type Scope } from '../store.js';
import { type InvestorRow, investorColumns, toInvestor } from './investor-record.js';

const NEWEST_FIRST = newestFirst(investors, (row: InvestorRow) => row.createdAt);

const scoped = (scope: Scope, id: string) =>
  and(eq(investors.id, id), eq(investors.organizationId, scope.organizationId));

const unique = <T>(values: T[]) => [...new Set(values)];

/** Investors' contacts are normalised like leads': lower-cased email, E.164 phone (undefined: unchanged). */
async function normalizeContact(
  tx: Executor,
  scope: Scope,
  contact: { email?: string | null; phone?: string | null } | undefined,
) {
  const region = contact?.phone ? await regionOf(tx, scope) : 'US';
  return {
    contactEmail: contact?.email === undefined ? undefined : contact.email && normalizeEmail(contact.email),
    contactPhone:
      contact?.phone === undefined ? undefined : contact.phone && normalizePhone(contact.phone, region),
  };
}

/** A market as the filter compares it: `San José`, `san jose` and `SAN JOSE` are one market. */
const foldMarket = (market: string) => foldAccents(market).toLowerCase();

/** The buy box's markets with each market once (the first spelling kept), and their folded forms. */
function marketColumns(markets: string[]) {
  const byFold = new Map<string, string>();
  for (const market of markets) {
    const folded = foldMarket(market);
    if (!byFold.has(folded)) byFold.set(folded, market);
  }
  return { markets: [...byFold.values()], marketsFolded: [...byFold.keys()] };
}

export const investorStore: ResourceStore<
  Investor,
  z.output<typeof InvestorListQuery>,
  z.output<typeof InvestorCreate>,
  z.output<typeof InvestorUpdate>
> = {
  async list(db, scope, query) {
    const filters = [
      eq(investors.organizationId, scope.organizationId),
      query.deal_type ? arrayContains(investors.dealTypes, [query.deal_type]) : undefined,
      query.market ? arrayContains(investors.marketsFolded, [foldMarket(query.market)]) : undefined,
      query.q
        ? searchCondition(
            query.q,
            { vector: investors.search, phone: investors.contactPhone },
            await regionOf(db, scope),
          )
        : undefined,
      afterCursor(NEWEST_FIRST, query.cursor),
    ];
    const read = () =>
      db
        .select(investorColumns)
        .from(investors)
        .where(and(...filters))
        .orderBy(...orderByKeyset(NEWEST_FIRST))
        .limit(query.limit + 1);
    // The search and the array filters need their GIN indexes, which the tenant policy's barrier
    // rules out (`@@` and `@>` are not leakproof); the first filter keeps the read to the
    // organisation.
    const indexed = query.q || query.deal_type || query.market;
    const rows = indexed ? await withoutTenantBarrier(db, read) : await read();
    return toPage(rows, query.limit, NEWEST_FIRST, toInvestor);
  },

  async get(db, scope, id) {
    const [row] = await db.select(investorColumns).from(investors).where(scoped(scope, id)).limit(1);
    if (!row) throw notFound('Investor');
    return toInvestor(row);
  },

  async create(tx, scope, input) {
    const contact = await normalizeContact(tx, scope, input.contact);
    const now = scope.deps.clock();
    const [row] = await tx
      .insert(investors)
      .values({
        id: scope.deps.newId(),
        organizationId: scope.organizationId,
        name: input.name,
        company: input.company ?? null,
        contactEmail: contact.contactEmail ?? null,
        contactPhone: contact.contactPhone ?? null,
        ...marketColumns(input.buy_box?.markets ?? []),
        dealTypes: unique(input.buy_box?.deal_types ?? []),
        minPrice: input.buy_box?.min_price ?? null,
        maxPrice: input.buy_box?.max_price ?? null,
        notes: input.notes ?? null,
        tags: unique(input.tags ?? []),
        createdAt: now,
        updatedAt: now,
      })
      .returning(investorColumns);
    const investor = toInvestor(row!);
    await recordChange(tx, scope, 'investor.created', investor, now);
    return investor;
  },

  async update(tx, scope, id, patch) {
    const contact = await normalizeContact(tx, scope, patch.contact);
    const [existing] = await tx
      .select(investorColumns)
      .from(investors)
      .where(scoped(scope, id))
      .for('update');
    if (!existing) throw notFound('Investor');
    const box = patch.buy_box;
    const minPrice = box?.min_price === undefined ? existing.minPrice : box.min_price;
    const maxPrice = box?.max_price === undefined ? existing.maxPrice : box.max_price;
    if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
      throw validationError({ 'buy_box.max_price': ['min_price must not exceed max_price'] });
    }
    const now = scope.deps.clock();
    const [row] = await tx
      .update(investors)
      .set({
        name: patch.name,
        company: patch.company,
        ...contact,
        ...(box?.markets ? marketColumns(box.markets) : {}),
        dealTypes: box?.deal_types && unique(box.deal_types),
        minPrice,
        maxPrice,
        notes: patch.notes,
        tags: patch.tags && unique(patch.tags),
        updatedAt: now,
      })
      .where(scoped(scope, id))
      .returning(investorColumns);
    const investor = toInvestor(row!);
    await recordChange(tx, scope, 'investor.updated', investor, now);
    return investor;
  },

  async remove(tx, scope, id) {
    const [row] = await tx.delete(investors).where(scoped(scope, id)).returning({ id: investors.id });
    if (!row) throw notFound('Investor');
    await recordChange(tx, scope, 'investor.deleted', { id });
    return { id, deleted: true };
  },
};
