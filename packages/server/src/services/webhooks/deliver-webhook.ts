import { and, eq, sql } from 'drizzle-orm';
import * as z from 'zod';
import type { Database } from '../../db/database.js';
import { events, webhookDeliveries, webhookEndpoints } from '../../db/schema.js';
import { recordEvent } from '../events.js';
import { defineJob, PermanentJobError } from '../jobs/job-definition.js';
import { endpointToWire } from './endpoint-record.js';
import { postPinned } from './post-pinned.js';
import { checkTarget, TargetRefused } from './target-guard.js';
import type { WebhookSettings } from './webhook-settings.js';
import { signedHeaders, signingSecrets } from './webhook-signing.js';

/** The job name the fan-out trigger (migration 0008) enqueues. */
export const DELIVER_WEBHOOK = 'webhook.deliver';
/** The trigger's `max_attempts`: only a ceiling, the handler ends a delivery after its schedule. */
export const DELIVERY_JOB_MAX_ATTEMPTS = 1000;

const DeliveryPayload = z.object({ delivery_id: z.uuid() });

const isSuccess = (status: number) => status >= 200 && status < 300;

/**
 * Sends one delivery: the event as `{ type, timestamp, data }`, signed with the endpoint's secret,
 * `webhook-id` = the event id on every try, so a receiver that de-duplicates on it sees each
 * event once even when a worker dies between sending and recording. A 2xx is delivered; anything
 * else (a 3xx included: redirects are not followed) is retried on the schedule; after the last
 * try the endpoint is disabled and `webhook_endpoint.disabled` recorded.
 */
export function deliverWebhookJob(settings: WebhookSettings) {
  const tries = settings.retryDelaysMs.length + 1;
  return defineJob({
    name: DELIVER_WEBHOOK,
    payload: DeliveryPayload,
    retryDelaysMs: settings.retryDelaysMs,
    timeoutMs: settings.timeoutMs + 5_000,
    async handle({ delivery_id }, { db, job, signal }) {
      const [found] = await db
        .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: events })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .leftJoin(events, eq(events.id, webhookDeliveries.eventId))
        .where(eq(webhookDeliveries.id, delivery_id));
      // The endpoint (and with it the delivery) was deleted: nothing left to do.
      if (!found) return { skipped: 'endpoint deleted' };
      const { delivery, endpoint, event } = found;
      if (endpoint.disabled) return { skipped: 'endpoint disabled' };
      if (!event) throw new PermanentJobError('The event no longer exists (erased or expired)');

      const body = JSON.stringify({
        type: event.type,
        timestamp: event.createdAt.toISOString(),
        data: event.data,
      });
      let status: number | null = null;
      let error: string | null = null;
      try {
        const target = await checkTarget(endpoint.url, settings);
        const at = new Date();
        const headers = {
          'content-type': 'application/json',
          'user-agent': 'HiddenKey-Webhooks/1',
          ...signedHeaders(signingSecrets(endpoint, at), String(event.id), body, at),
        };
        const answer = await postPinned(target, {
          headers,
          body,
          timeoutMs: settings.timeoutMs,
          maxResponseBytes: settings.maxResponseBytes,
          signal,
        });
        status = answer.status;
        if (!isSuccess(status))
          error = `HTTP ${status}${answer.body ? `: ${answer.body.slice(0, 200)}` : ''}`;
      } catch (failure) {
        error = failure instanceof TargetRefused ? `Refused: ${failure.message}` : (failure as Error).message;
      }
      await db
        .update(webhookDeliveries)
        .set({
          attempts: sql`${webhookDeliveries.attempts} + 1`,
          lastStatus: status,
          lastError: error,
          ...(error === null ? { deliveredAt: sql`now()` } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(webhookDeliveries.id, delivery.id));
      if (error === null) return { status };
      if (job.attempt < tries) throw new Error(error);
      await disableEndpoint(db, endpoint.id);
      throw new PermanentJobError(`${error} (last of ${tries} tries; endpoint disabled)`);
    },
  });
}

/** Disables the endpoint and records `webhook_endpoint.disabled`, once, in one transaction. */
async function disableEndpoint(db: Database, endpointId: string) {
  await db.transaction(async (tx) => {
    const [disabled] = await tx
      .update(webhookEndpoints)
      .set({ disabled: true, disabledAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.disabled, false)))
      .returning();
    if (!disabled) return;
    await recordEvent(tx, {
      organizationId: disabled.organizationId,
      type: 'webhook_endpoint.disabled',
      resourceId: disabled.id,
      data: endpointToWire(disabled),
      createdAt: disabled.updatedAt,
    });
  });
}
