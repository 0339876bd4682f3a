import type { WebhookDelivery } from '@hidden-key/sdk/schemas';
import { and, eq, sql } from 'drizzle-orm';
import { jobs, webhookDeliveries } from '../../db/schema.js';
import { DELIVER_WEBHOOK } from './deliver-webhook.js';

/** The job that sends a delivery: the trigger keys it `delivery:<id>`. */
export const deliveryJobKey = (deliveryId: string) => `delivery:${deliveryId}`;

/** Joins a delivery to its job, whose state and run time say what happens next. */
export const deliveryJobJoin = and(
  eq(jobs.name, DELIVER_WEBHOOK),
  eq(jobs.key, sql`'delivery:' || ${webhookDeliveries.id}::text`),
);

export const deliveryColumns = {
  delivery: webhookDeliveries,
  jobState: jobs.state,
  jobRunAt: jobs.runAt,
};

export interface DeliveryWithJob {
  delivery: typeof webhookDeliveries.$inferSelect;
  jobState: string | null;
  jobRunAt: Date | null;
}

export function deliveryToWire({ delivery, jobState, jobRunAt }: DeliveryWithJob): WebhookDelivery {
  const pending = jobState === 'queued' || jobState === 'running';
  return {
    id: delivery.id,
    endpoint_id: delivery.endpointId,
    event_id: String(delivery.eventId),
    event_type: delivery.eventType,
    status: pending ? 'pending' : delivery.deliveredAt && !delivery.lastError ? 'delivered' : 'failed',
    attempts: delivery.attempts,
    last_status: delivery.lastStatus,
    last_error: delivery.lastError,
    next_attempt_at: jobState === 'queued' && jobRunAt ? jobRunAt.toISOString() : null,
    delivered_at: delivery.deliveredAt?.toISOString() ?? null,
    created_at: delivery.createdAt.toISOString(),
  };
}
