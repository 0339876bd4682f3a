import type {
  CreatedWebhookEndpoint,
  PageQuery,
  WebhookDelivery,
  WebhookDeliveryListQuery,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointUpdate,
} from '@hidden-key/sdk/schemas';
import { and, eq, sql } from 'drizzle-orm';
import type * as z from 'zod';
import type { Executor, Transaction } from '../../db/database.js';
import { jobs, webhookDeliveries, webhookEndpoints } from '../../db/schema.js';
import { ApiError, notFound, validationError } from '../../errors.js';
import { enqueueJob } from '../jobs/enqueue.js';
import { afterCursor, newestFirst, orderByKeyset, toPage } from '../pagination.js';
import type { Page, ResourceStore, Scope } from '../store.js';
import { DELIVER_WEBHOOK, DELIVERY_JOB_MAX_ATTEMPTS, deliverWebhookJob } from './deliver-webhook.js';
import {
  type DeliveryWithJob,
  deliveryColumns,
  deliveryJobJoin,
  deliveryJobKey,
  deliveryToWire,
} from './delivery-record.js';
import { type EndpointRow, endpointToWire } from './endpoint-record.js';
import { checkTarget, TargetRefused } from './target-guard.js';
import { newWebhookSecret, WEBHOOK_SECRET_OVERLAP_MS } from './webhook-signing.js';

const NEWEST_ENDPOINTS = newestFirst(webhookEndpoints, (row: EndpointRow) => row.createdAt);

type DeliveryRow = DeliveryWithJob & { id: string };
const NEWEST_DELIVERIES = newestFirst(webhookDeliveries, (row: DeliveryRow) => row.delivery.createdAt);

const scoped = (scope: Scope, id: string) =>
  and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, scope.organizationId));

/** Refuses, at save, a URL the sender would refuse at send. */
async function checkUrl(url: string, scope: Scope) {
  try {
    await checkTarget(url, scope.deps.webhooks);
  } catch (error) {
    if (error instanceof TargetRefused)
      throw validationError({ url: [error.message] }, 'The webhook URL is refused');
    throw error;
  }
}

/** One endpoint's row, or `not_found` for an id outside the organisation. */
async function endpointRow(db: Executor, scope: Scope, id: string): Promise<EndpointRow> {
  const [row] = await db.select().from(webhookEndpoints).where(scoped(scope, id));
  if (!row) throw notFound('Webhook endpoint');
  return row;
}

/**
 * Outbound webhook endpoints and their deliveries. The secret (`whsec_…`) is answered only by
 * `create` and `rotateSecret`; no event is recorded for an endpoint's own changes.
 */
export const webhookEndpointStore: ResourceStore<
  WebhookEndpoint,
  z.output<typeof PageQuery>,
  z.output<typeof WebhookEndpointCreate>,
  z.output<typeof WebhookEndpointUpdate>,
  CreatedWebhookEndpoint
> & {
  rotateSecret(tx: Transaction, scope: Scope, id: string): Promise<CreatedWebhookEndpoint>;
  deliveries(
    db: Executor,
    scope: Scope,
    id: string,
    query: z.output<typeof WebhookDeliveryListQuery>,
  ): Promise<Page<WebhookDelivery>>;
  retryDelivery(tx: Transaction, scope: Scope, id: string, deliveryId: string): Promise<WebhookDelivery>;
} = {
  async list(db, scope, query) {
    const rows = await db
      .select()
      .from(webhookEndpoints)
      .where(
        and(
          eq(webhookEndpoints.organizationId, scope.organizationId),
          afterCursor(NEWEST_ENDPOINTS, query.cursor),
        ),
      )
      .orderBy(...orderByKeyset(NEWEST_ENDPOINTS))
      .limit(query.limit + 1);
    return toPage(rows, query.limit, NEWEST_ENDPOINTS, endpointToWire);
  },

  async get(db, scope, id) {
    return endpointToWire(await endpointRow(db, scope, id));
  },

  async create(tx, scope, input) {
    await checkUrl(input.url, scope);
    const now = scope.deps.clock();
    const secret = newWebhookSecret();
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        id: scope.deps.newId(),
        organizationId: scope.organizationId,
        url: input.url,
        events: [...new Set<string>(input.events)],
        description: input.description ?? null,
        secret,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return { ...endpointToWire(row!), secret };
  },

  async update(tx, scope, id, patch) {
    if (patch.url !== undefined) await checkUrl(patch.url, scope);
    const now = scope.deps.clock();
    const [row] = await tx
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
      .where(scoped(scope, id))
      .returning();
    if (!row) throw notFound('Webhook endpoint');
    return endpointToWire(row);
  },

  async remove(tx, scope, id) {
    const [row] = await tx
      .delete(webhookEndpoints)
      .where(scoped(scope, id))
      .returning({ id: webhookEndpoints.id });
    if (!row) throw notFound('Webhook endpoint');
    return { id: row.id, deleted: true as const };
  },

  /** A new secret; the one it replaces keeps signing for `WEBHOOK_SECRET_OVERLAP_MS` (webhook-signing.ts). */
  async rotateSecret(tx, scope, id) {
    const now = scope.deps.clock();
    const secret = newWebhookSecret();
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        previousSecret: sql`${webhookEndpoints.secret}`,
        previousSecretExpiresAt: new Date(now.getTime() + WEBHOOK_SECRET_OVERLAP_MS),
        secret,
        updatedAt: now,
      })
      .where(scoped(scope, id))
      .returning();
    if (!row) throw notFound('Webhook endpoint');
    return { ...endpointToWire(row), secret };
  },

  async deliveries(db, scope, id, query) {
    const endpoint = await endpointRow(db, scope, id);
    const rows = await db
      .select({ ...deliveryColumns, id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .leftJoin(jobs, deliveryJobJoin)
      .where(and(eq(webhookDeliveries.endpointId, endpoint.id), afterCursor(NEWEST_DELIVERIES, query.cursor)))
      .orderBy(...orderByKeyset(NEWEST_DELIVERIES))
      .limit(query.limit + 1);
    return toPage(rows, query.limit, NEWEST_DELIVERIES, deliveryToWire);
  },

  /** Sends a delivery again now with a fresh schedule (a delivered one too); 409 while disabled or sending. */
  async retryDelivery(tx, scope, id, deliveryId) {
    const [found] = await tx
      .select({ disabled: webhookEndpoints.disabled })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.id, deliveryId), scoped(scope, id)));
    if (!found) throw notFound('Webhook delivery');
    if (found.disabled)
      throw new ApiError('conflict', 'The endpoint is disabled: enable it (PATCH disabled: false) first');
    const key = deliveryJobKey(deliveryId);
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
      await enqueueJob(
        tx,
        deliverWebhookJob(scope.deps.webhooks),
        { delivery_id: deliveryId },
        { organizationId: scope.organizationId, key, maxAttempts: DELIVERY_JOB_MAX_ATTEMPTS },
      );
    }
    const [row] = await tx
      .select(deliveryColumns)
      .from(webhookDeliveries)
      .leftJoin(jobs, deliveryJobJoin)
      .where(eq(webhookDeliveries.id, deliveryId));
    return deliveryToWire(row!);
  },
};
