import { and, inArray, lt } from 'drizzle-orm';
import * as z from 'zod';
import type { Database } from '../../db/database.js';
import { events, idempotencyKeys, jobs, webhookDeliveries, webhookEndpoints } from '../../db/schema.js';
import { IDEMPOTENCY_TTL_MS } from '../../middleware/idempotency.js';
import { enqueueJob } from '../jobs/enqueue.js';
import { defineJob } from '../jobs/job-definition.js';

export const RETENTION_SWEEP = 'privacy.retention';
const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the sweep runs: each run enqueues the next. */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
export const DEFAULT_EVENT_RETENTION_DAYS = 30;

export interface RetentionSettings {
  /** `HK_EVENT_RETENTION_DAYS`: events, their webhook deliveries and finished jobs (default 30). */
  eventRetentionDays: number;
}

/** A value that is not a positive number is refused: a typo must not keep data longer than asked. */
export function retentionSettingsFromEnv(env: Record<string, string | undefined>): RetentionSettings {
  const value = env.HK_EVENT_RETENTION_DAYS;
  if (value === undefined || value === '') return { eventRetentionDays: DEFAULT_EVENT_RETENTION_DAYS };
  const days = Number(value);
  if (!Number.isFinite(days) || days <= 0) {
    throw new Error(`HK_EVENT_RETENTION_DAYS must be a positive number of days, not ${value}`);
  }
  return { eventRetentionDays: days };
}

export interface SweepCounts {
  idempotency_keys: number;
  events: number;
  webhook_deliveries: number;
  jobs: number;
  /** Endpoints whose rotated-out signing secret had stopped signing, and is now forgotten. */
  previous_webhook_secrets: number;
}

/**
 * Deletes what has outlived its period: idempotency records after 48 h, and after the event
 * retention events, the webhook deliveries of that age and finished (succeeded or dead) jobs; and
 * the webhook secrets a rotation replaced, once they no longer sign.
 */
export async function sweepExpired(
  db: Database,
  settings: RetentionSettings,
  now: Date,
): Promise<SweepCounts> {
  const idempotencyBefore = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
  const eventsBefore = new Date(now.getTime() - settings.eventRetentionDays * DAY_MS);
  return db.transaction(async (tx) => {
    const keys = await tx
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, idempotencyBefore))
      .returning({ key: idempotencyKeys.key });
    const deliveries = await tx
      .delete(webhookDeliveries)
      .where(lt(webhookDeliveries.createdAt, eventsBefore))
      .returning({ id: webhookDeliveries.id });
    const oldEvents = await tx
      .delete(events)
      .where(lt(events.createdAt, eventsBefore))
      .returning({ id: events.id });
    const finishedJobs = await tx
      .delete(jobs)
      .where(and(inArray(jobs.state, ['succeeded', 'dead']), lt(jobs.updatedAt, eventsBefore)))
      .returning({ id: jobs.id });
    const retiredSecrets = await tx
      .update(webhookEndpoints)
      .set({ previousSecret: null, previousSecretExpiresAt: null })
      // The two are set and cleared together: the expiry alone says whether a secret is kept.
      .where(lt(webhookEndpoints.previousSecretExpiresAt, now))
      .returning({ id: webhookEndpoints.id });
    return {
      idempotency_keys: keys.length,
      events: oldEvents.length,
      webhook_deliveries: deliveries.length,
      jobs: finishedJobs.length,
      previous_webhook_secrets: retiredSecrets.length,
    };
  });
}

/** The sweep's slot: one job per interval, however many workers start or finish one. */
const slotKey = (at: Date) => `sweep:${Math.floor(at.getTime() / RETENTION_INTERVAL_MS)}`;

/**
 * The retention sweep as a job: it sweeps, then enqueues itself for the next interval. Keyed by
 * interval, so any number of workers share one chain.
 */
export function retentionJob(settings: RetentionSettings, clock: () => Date = () => new Date()) {
  const definition = defineJob({
    name: RETENTION_SWEEP,
    payload: z.object({}),
    async handle(_payload, { db }) {
      const now = clock();
      const swept = await sweepExpired(db, settings, now);
      await scheduleRetention(db, definition, new Date(now.getTime() + RETENTION_INTERVAL_MS));
      return swept;
    },
  });
  return definition;
}

/** Starts (or joins) the sweep chain: called when a worker starts. */
export const scheduleRetention = (
  db: Database,
  definition: ReturnType<typeof retentionJob>,
  runAt: Date = new Date(),
) => enqueueJob(db, definition, {}, { key: slotKey(runAt), runAt });
