import { and, eq } from 'drizzle-orm';
import { inboundSources } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { type InboundSourceRow, inboundSourceToWire } from '../../services/inbound/inbound-source-record.js';
import { afterCursor, type KeysetOrder, orderByKeyset, toPage } from '../../services/pagination.js';
import { newWebhookSecret } from '../../services/webhooks/webhook-signing.js';
import { envelope, type Router } from '../openapi.js';
import {
  createInboundSourceRoute,
  deleteInboundSourceRoute,
  getInboundSourceRoute,
  listInboundSourcesRoute,
  updateInboundSourceRoute,
} from './inbound-sources.routes.js';

const NEWEST_FIRST: KeysetOrder<InboundSourceRow> = {
  name: '-created_at',
  expression: inboundSources.createdAt,
  kind: 'timestamp',
  direction: 'desc',
  id: inboundSources.id,
  valueOf: (row) => row.createdAt,
};

const scoped = (id: string, organizationId: string) =>
  and(eq(inboundSources.id, id), eq(inboundSources.organizationId, organizationId));

export function registerInboundSourceRoutes(router: Router) {
  router.openapi(createInboundSourceRoute, async (c) => {
    const input = c.req.valid('json');
    const { db, clock, newId } = c.var.deps;
    const now = clock();
    // The same secret format as outbound endpoints: senders sign with any Standard Webhooks library.
    const secret = newWebhookSecret();
    const [row] = await db
      .insert(inboundSources)
      .values({
        id: newId(),
        organizationId: c.var.auth.organizationId,
        name: input.name,
        leadSource: input.lead_source ?? 'inbound',
        secret,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return c.json(envelope(c, { ...inboundSourceToWire(row!), secret }), 201);
  });

  router.openapi(listInboundSourcesRoute, async (c) => {
    const query = c.req.valid('query');
    const rows = await c.var.deps.db
      .select()
      .from(inboundSources)
      .where(
        and(
          eq(inboundSources.organizationId, c.var.auth.organizationId),
          afterCursor(NEWEST_FIRST, query.cursor),
        ),
      )
      .orderBy(...orderByKeyset(NEWEST_FIRST))
      .limit(query.limit + 1);
    return c.json(envelope(c, toPage(rows, query.limit, NEWEST_FIRST, inboundSourceToWire)), 200);
  });

  router.openapi(getInboundSourceRoute, async (c) => {
    const { id } = c.req.valid('param');
    const [row] = await c.var.deps.db
      .select()
      .from(inboundSources)
      .where(scoped(id, c.var.auth.organizationId));
    if (!row) throw notFound('Inbound source');
    return c.json(envelope(c, inboundSourceToWire(row)), 200);
  });

  router.openapi(updateInboundSourceRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const [row] = await c.var.deps.db
      .update(inboundSources)
      .set({
        name: patch.name,
        leadSource: patch.lead_source,
        disabled: patch.disabled,
        updatedAt: c.var.deps.clock(),
      })
      .where(scoped(id, c.var.auth.organizationId))
      .returning();
    if (!row) throw notFound('Inbound source');
    return c.json(envelope(c, inboundSourceToWire(row)), 200);
  });

  router.openapi(deleteInboundSourceRoute, async (c) => {
    const { id } = c.req.valid('param');
    const [row] = await c.var.deps.db
      .delete(inboundSources)
      .where(scoped(id, c.var.auth.organizationId))
      .returning({ id: inboundSources.id });
    if (!row) throw notFound('Inbound source');
    return c.json(envelope(c, { id: row.id, deleted: true as const }), 200);
  });
}
