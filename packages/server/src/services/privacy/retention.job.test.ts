import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { events, idempotencyKeys, jobs, webhookEndpoints } from '../../db/schema.js';
import { recordEvent } from '../events.js';
import {
  RETENTION_INTERVAL_MS,
  RETENTION_SWEEP,
  retentionJob,
  retentionSettingsFromEnv,
  sweepExpired,
} from './retention.job.js';

const server = useTestServer();
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('retention sweep', () => {
  it('reads HK_EVENT_RETENTION_DAYS, defaulting to 30 and refusing what is not a number of days', () => {
    expect(retentionSettingsFromEnv({}).eventRetentionDays).toBe(30);
    expect(retentionSettingsFromEnv({ HK_EVENT_RETENTION_DAYS: '7' }).eventRetentionDays).toBe(7);
    for (const value of ['soon', '7d', '0', '-3']) {
      expect(() => retentionSettingsFromEnv({ HK_EVENT_RETENTION_DAYS: value })).toThrow(
        `HK_EVENT_RETENTION_DAYS must be a positive number of days, not ${value}`,
      );
    }
  });

  it('deletes idempotency records after 48 h and events after the retention period, then schedules itself', async () => {
    const org = await server.newOrg();
    const { db } = server.deps;
    const now = new Date(Date.now() + 400 * DAY);
    const at = (ago: number) => new Date(now.getTime() - ago);
    const record = (key: string, createdAt: Date) =>
      db.insert(idempotencyKeys).values({
        organizationId: org.organization_id,
        key,
        requestHash: 'h',
        status: 'completed',
        responseStatus: 201,
        responseBody: '{}',
        createdAt,
      });
    await record('api:old', at(49 * HOUR));
    await record('api:fresh', at(47 * HOUR));
    const event = (days: number) =>
      recordEvent(db, {
        organizationId: org.organization_id,
        type: 'lead.deleted',
        resourceId: server.deps.newId(),
        data: {},
        createdAt: at(days * DAY),
      });
    const oldEvent = await event(8);
    const freshEvent = await event(6);

    const job = retentionJob({ eventRetentionDays: 7 }, () => now);
    const swept = await job.handle({}, { db, job: {} as never, signal: new AbortController().signal });
    expect(swept).toMatchObject({ idempotency_keys: expect.any(Number), events: expect.any(Number) });

    const keys = await db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.organizationId, org.organization_id));
    expect(keys.map((row) => row.key)).toEqual(['api:fresh']);
    const left = await db
      .select({ id: events.id })
      .from(events)
      .where(eq(events.organizationId, org.organization_id));
    expect(left.map((row) => row.id)).toEqual([freshEvent]);
    expect(left.map((row) => row.id)).not.toContain(oldEvent);

    const [next] = await db
      .select({ runAt: jobs.runAt, key: jobs.key })
      .from(jobs)
      .where(and(eq(jobs.name, RETENTION_SWEEP), sql`${jobs.runAt} > ${now.toISOString()}::timestamptz`));
    expect(next!.runAt.getTime()).toBe(now.getTime() + RETENTION_INTERVAL_MS);
  });

  it('forgets a rotated-out webhook secret once it no longer signs, and keeps one still in its overlap', async () => {
    const org = await server.newOrg();
    const { db } = server.deps;
    const now = new Date(Date.now() + 400 * DAY);
    const endpoint = (previousSecretExpiresAt: Date) => ({
      id: server.deps.newId(),
      organizationId: org.organization_id,
      url: 'https://hooks.example.com/x',
      events: ['*'],
      secret: 'whsec_current',
      previousSecret: 'whsec_previous',
      previousSecretExpiresAt,
    });
    const expired = endpoint(new Date(now.getTime() - HOUR));
    const overlapping = endpoint(new Date(now.getTime() + HOUR));
    await db.insert(webhookEndpoints).values([expired, overlapping]);

    const swept = await sweepExpired(db, { eventRetentionDays: 7 }, now);
    expect(swept.previous_webhook_secrets).toBeGreaterThanOrEqual(1);
    const rows = await db
      .select({
        id: webhookEndpoints.id,
        secret: webhookEndpoints.secret,
        previous: webhookEndpoints.previousSecret,
      })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.organizationId, org.organization_id));
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(expired.id)).toMatchObject({ secret: 'whsec_current', previous: null });
    expect(byId.get(overlapping.id)).toMatchObject({ secret: 'whsec_current', previous: 'whsec_previous' });
  });
});
