import type {
  CreatedInboundSource,
  InboundSource,
  InboundSourceCreate,
  InboundSourceUpdate,
  PageQuery,
} from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import type * as z from 'zod';
import { inboundSources } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { afterCursor, newestFirst, orderByKeyset, toPage } from '../pagination.js';
import type { ResourceStore, Scope } from '../store.js';
import { newWebhookSecret } from '../webhooks/webhook-signing.js';
import { type InboundSourceRow, inboundSourceToWire } from './inbound-source-record.js';

const NEWEST_FIRST = newestFirst(inboundSources, (row: InboundSourceRow) => row.createdAt);

const scoped = (scope: Scope, id: string) =>
  and(eq(inboundSources.id, id), eq(inboundSources.organizationId, scope.organizationId));

/**
 * The systems that may send leads to `POST /v1/inbound/leads/{id}`, each with the secret it signs
 * with (answered by `create` only); a source's own changes record no event.
 */
export const inboundSourceStore: ResourceStore<
  InboundSource,
  z.output<typeof PageQuery>,
  z.output<typeof InboundSourceCreate>,
  z.output<typeof InboundSourceUpdate>,
  CreatedInboundSource
> = {
  async list(db, scope, query) {
    const rows = await db
      .select()
      .from(inboundSources)
      .where(
        and(eq(inboundSources.organizationId, scope.organizationId), afterCursor(NEWEST_FIRST, query.cursor)),
      )
      .orderBy(...orderByKeyset(NEWEST_FIRST))
      .limit(query.limit + 1);
    return toPage(rows, query.limit, NEWEST_FIRST, inboundSourceToWire);
  },

  async get(db, scope, id) {
    const [row] = await db.select().from(inboundSources).where(scoped(scope, id));
    if (!row) throw notFound('Inbound source');
    return inboundSourceToWire(row);
  },

  async create(tx, scope, input) {
    const now = scope.deps.clock();
    // The same secret format as outbound endpoints: senders sign with any Standard Webhooks library.
    const secret = newWebhookSecret();
    const [row] = await tx
      .insert(inboundSources)
      .values({
        id: scope.deps.newId(),
        organizationId: scope.organizationId,
        name: input.name,
        leadSource: input.lead_source ?? 'inbound',
        secret,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return { ...inboundSourceToWire(row!), secret };
  },

  async update(tx, scope, id, patch) {
    const [row] = await tx
      .update(inboundSources)
      .set({
        name: patch.name,
        leadSource: patch.lead_source,
        disabled: patch.disabled,
        updatedAt: scope.deps.clock(),
      })
      .where(scoped(scope, id))
      .returning();
    if (!row) throw notFound('Inbound source');
    return inboundSourceToWire(row);
  },

  async remove(tx, scope, id) {
    const [row] = await tx
      .delete(inboundSources)
      .where(scoped(scope, id))
      .returning({ id: inboundSources.id });
    if (!row) throw notFound('Inbound source');
    return { id: row.id, deleted: true as const };
  },
};
