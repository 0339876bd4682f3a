import { and, eq, sql } from 'drizzle-orm';
import { jobs, webhookDeliveries, webhookEndpoints } from '../../db/schema.js';
import { ApiError, notFound, validationError } from '../../errors.js';
import { enqueueJob } from '../../services/jobs/enqueue.js';
import { afterCursor, type KeysetOrder, orderByKeyset, toPage } from '../../services/pagination.js';
import {
  DELIVER_WEBHOOK,
  DELIVERY_JOB_MAX_ATTEMPTS,
  deliverWebhookJob,
} from '../../services/webhooks/deliver-webhook.js';
import {
  type DeliveryWithJob,
  deliveryColumns,
  deliveryJobJoin,
  deliveryJobKey,
  deliveryToWire,
} from '../../services/webhooks/delivery-record.js';
import { type EndpointRow, endpointToWire } from '../../services/webhooks/endpoint-record.js';
import { checkTarget, TargetRefused } from '../../services/webhooks/target-guard.js';
import type { WebhookSettings } from '../../services/webhooks/webhook-settings.js';
import { newWebhookSecret, WEBHOOK_SECRET_OVERLAP_MS } from '../../services/webhooks/webhook-signing.js';
import { envelope, type Router } from '../openapi.js';
import {
  createWebhookEndpointRoute,
  deleteWebhookEndpointRoute,
  getWebhookEndpointRoute,
  listWebhookDeliveriesRoute,
  listWebhookEndpointsRoute,
  retryWebhookDeliveryRoute,
  rotateWebhookSecretRoute,
  updateWebhookEndpointRoute,
} from './webhook-endpoints.routes.js';

const NEWEST_ENDPOINTS: KeysetOrder<EndpointRow> = {
  name: '-created_at',
  expression: webhookEndpoints.createdAt,
  kind: 'timestamp',
  direction: 'desc',
  id: webhookEndpoints.id,
  valueOf: (row) => row.createdAt,
};

type DeliveryRow = DeliveryWithJob & { id: string };
const NEWEST_DELIVERIES: KeysetOrder<DeliveryRow> = {
  name: '-created_at',
  expression: webhookDeliveries.createdAt,
  kind: 'timestamp',
  direction: 'desc',
  id: webhookDeliveries.id,
  valueOf: (row) => row.delivery.createdAt,
};

const scoped = (id: string, organizationId: string) =>
  and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, organizationId));

/** Refuses, at save, a URL the sender would refuse at send. */
async function checkUrl(url: string, settings: WebhookSettings) {
  try {
    await checkTarget(url, settings);
  } catch (error) {
    if (error instanceof TargetRefused)
      throw validationError({ url: [error.message] }, 'The webhook URL is refused');
    throw error;
  }
}

export function registerWebhookEndpointRoutes(router: Router) {
  router.openapi(createWebhookEndpointRoute, async (c) => {
    const input = c.req.valid('json');
    const { db, clock, newId } = c.var.deps;
    await checkUrl(input.url, c.var.deps.webhooks);
    const now = clock();
    const secret = newWebhookSecret();
    const [row] = await db
      .insert(webhookEndpoints)
      .values({
        id: newId(),
        organizationId: c.var.auth.organizationId,
        url: input.url,
        events: [...new Set<string>(input.events)],
        description: input.description ?? null,
        secret,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return c.json(envelope(c, { ...endpointToWire(row!), secret }), 201);
  });

  router.openapi(listWebhookEndpointsRoute, async (c) => {
    const query = c.req.valid('query');
    const rows = await c.var.deps.db
      .select()
      .from(webhookEndpoints)
      .where(
        and(
          eq(webhookEndpoints.organizationId, c.var.auth.organizationId),
          afterCursor(NEWEST_ENDPOINTS, query.cursor),
        ),
      )
      .orderBy(...orderByKeyset(NEWEST_ENDPOINTS))
      .limit(query.limit + 1);
    return c.json(envelope(c, toPage(rows, query.limit, NEWEST_ENDPOINTS, endpointToWire)), 200);
  });

  router.openapi(getWebhookEndpointRoute, async (c) => {
    const { id } = c.req.valid('param');
    const [row] = await c.var.deps.db
      .select()
      .from(webhookEndpoints)
      .where(scoped(id, c.var.auth.organizationId));
    if (!row) throw notFound('Webhook endpoint');
    return c.json(envelope(c, endpointToWire(row)), 200);
  });

  router.openapi(updateWebhookEndpointRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    if (patch.url !== undefined) await checkUrl(patch.url, c.var.deps.webhooks);
    const now = c.var.deps.clock();
    const [row] = await c.var.deps.db
      .update(webhookEndpoints)
      .set({
        url: patch.url,
        events: patch.events && [...new Set<string>(patch.events)],
        description: patch.description,
        ...(patch.disabled === undefined
          ? {}
          : {
              disabled: patch.disabled,
              disabledAt: patch.disabled
                ? sql`coalesce(${webhookEndpoints.disabledAt}, ${now.toISOString()}::timestamptz)`
                : null,
            }),
        updatedAt: now,
      })
      .where(scoped(id, c.var.auth.organizationId))
      .returning();
    if (!row) throw notFound('Webhook endpoint');
    return c.json(envelope(c, endpointToWire(row)), 200);
  });

  router.openapi(rotateWebhookSecretRoute, async (c) => {
    const { id } = c.req.valid('param');
    const now = c.var.deps.clock();
    const secret = newWebhookSecret();
    const [row] = await c.var.deps.db
      .update(webhookEndpoints)
      .set({
        previousSecret: sql`${webhookEndpoints.secret}`,
        previousSecretExpiresAt: new Date(now.getTime() + WEBHOOK_SECRET_OVERLAP_MS),
        secret,
        updatedAt: now,
      })
      .where(scoped(id, c.var.auth.organizationId))
      .returning();
    if (!row) throw notFound('Webhook endpoint');
    return c.json(envelope(c, { ...endpointToWire(row), secret }), 200);
  });

  router.openapi(deleteWebhookEndpointRoute, async (c) => {
    const { id } = c.req.valid('param');
    const [row] = await c.var.deps.db
      .delete(webhookEndpoints)
      .where(scoped(id, c.var.auth.organizationId))
      .returning({ id: webhookEndpoints.id });
    if (!row) throw notFound('Webhook endpoint');
    return c.json(envelope(c, { id: row.id, deleted: true as const }), 200);
  });

  router.openapi(listWebhookDeliveriesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const { db } = c.var.deps;
    const [endpoint] = await db
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(scoped(id, c.var.auth.organizationId));
    if (!endpoint) throw notFound('Webhook endpoint');
    const rows = await db
      .select({ ...deliveryColumns, id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .leftJoin(jobs, deliveryJobJoin)
      .where(and(eq(webhookDeliveries.endpointId, endpoint.id), afterCursor(NEWEST_DELIVERIES, query.cursor)))
      .orderBy(...orderByKeyset(NEWEST_DELIVERIES))
      .limit(query.limit + 1);
    return c.json(envelope(c, toPage(rows, query.limit, NEWEST_DELIVERIES, deliveryToWire)), 200);
  });

  router.openapi(retryWebhookDeliveryRoute, async (c) => {
    const { id, delivery_id } = c.req.valid('param');
    const { organizationId } = c.var.auth;
    const { db } = c.var.deps;
    const delivery = await db.transaction(async (tx) => {
      const [found] = await tx
        .select({ disabled: webhookEndpoints.disabled })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(and(eq(webhookDeliveries.id, delivery_id), scoped(id, organizationId)));
      if (!found) throw notFound('Webhook delivery');
      if (found.disabled)
        throw new ApiError('conflict', 'The endpoint is disabled: enable it (PATCH disabled: false) first');
      const key = deliveryJobKey(delivery_id);
      const [job] = await tx
        .select({ state: jobs.state })
        .from(jobs)
        .where(and(eq(jobs.name, DELIVER_WEBHOOK), eq(jobs.key, key)))
        .for('update');
      if (job?.state === 'running') throw new ApiError('conflict', 'The delivery is being sent right now');
      if (job) {
        // A fresh schedule: the tries start over from the first.
        await tx
          .update(jobs)
          .set({ state: 'queued', attempts: 0, runAt: sql`now()`, finishedAt: null, updatedAt: sql`now()` })
          .where(and(eq(jobs.name, DELIVER_WEBHOOK), eq(jobs.key, key)));
      } else {
        const definition = deliverWebhookJob(c.var.deps.webhooks);
        await enqueueJob(
          tx,
          definition,
          { delivery_id },
          {
            organizationId,
            key,
            maxAttempts: DELIVERY_JOB_MAX_ATTEMPTS,
          },
        );
      }
      const [row] = await tx
        .select(deliveryColumns)
        .from(webhookDeliveries)
        .leftJoin(jobs, deliveryJobJoin)
        .where(eq(webhookDeliveries.id, delivery_id));
      return deliveryToWire(row!);
    });
    return c.json(envelope(c, delivery), 200);
  });
}
