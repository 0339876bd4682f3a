import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { webhookEndpoints } from '../src/db/schema.js';
import { asSystem } from '../src/db/tenant.js';
import { EVENTS_CHANNEL, eventsWakeup, recordEvent } from '../src/services/events.js';
import { JOBS_CHANNEL } from '../src/services/jobs/enqueue.js';
import { useTestServer } from './harness.js';
import { writeEvent } from './record-event.js';

/**
 * A NOTIFY inside a transaction makes its commit wait for every other notifying commit on the
 * database (PostgreSQL holds the notification queue's lock through the commit's WAL flush). So the
 * wake-ups of an event's listeners and of the workers of the jobs it queued are sent after its
 * transaction commits, from outside it.
 */
const server = useTestServer();

interface Sent {
  text: string;
  values: unknown[];
}

/** Every statement the app's pool sends while `work` runs, in order, with its values. */
async function statementsDuring(work: () => Promise<unknown>): Promise<Sent[]> {
  const sent: Sent[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: Parameters<typeof query>) {
    const [config, values] = args as unknown as [string | { text: string; values?: unknown[] }, unknown[]?];
    const text = typeof config === 'string' ? config : config.text;
    sent.push({ text, values: values ?? (typeof config === 'string' ? [] : (config.values ?? [])) });
    return query.apply(this, args);
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return sent;
}

/** A LISTEN of its own on the events and jobs channels. */
async function listenForWakeups() {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  const received: { channel: string; payload: string }[] = [];
  const waiting = new Set<() => void>();
  client.on('notification', (message) => {
    received.push({ channel: message.channel, payload: message.payload ?? '' });
    for (const check of waiting) check();
  });
  await client.query(`listen ${EVENTS_CHANNEL}; listen ${JOBS_CHANNEL}`);
  const organizations = () =>
    received
      .filter(({ channel }) => channel === EVENTS_CHANNEL)
      .map(({ payload }) => JSON.parse(payload).organization_id as string);
  /** Resolves once `arrived()` holds. */
  const until = (arrived: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!arrived()) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
    });
  return {
    organizations,
    wokenFor: (organizationId: string) => until(() => organizations().includes(organizationId)),
    jobWakeup: (name: string) =>
      until(() => received.some(({ channel, payload }) => channel === JOBS_CHANNEL && payload === name)),
    close: () => client.end(),
  };
}

/** Whether a statement is the one that sends wake-ups after commits (pool-transactions.ts). */
const isAfterCommitNotify = (statement: Sent) => statement.text.includes('from unnest(');

/** The notifications those statements sent, as `channel payload`. */
const sentAfterCommit = (statements: Sent[]) =>
  statements.filter(isAfterCommitNotify).flatMap(({ values }) => {
    const [channels, payloads] = values as [string[], string[]];
    return channels.map((channel, k) => `${channel} ${payloads[k]}`);
  });

describe('the wake-up of an event’s listeners (PostgreSQL)', () => {
  it('is sent after its transaction commits, by a statement outside it, and never for a rollback', async () => {
    const listener = await listenForWakeups();
    try {
      const [rolledBack, committed, created] = [
        await server.newOrg(),
        await server.newOrg(),
        await server.newOrg(),
      ];
      const statements = await statementsDuring(async () => {
        await server.deps.db
          .transaction(async (tx) => {
            await recordEvent(tx, {
              organizationId: rolledBack.organization_id,
              type: 'lead.updated',
              resourceId: crypto.randomUUID(),
              data: {},
              createdAt: new Date(),
            });
            throw new Error('roll back');
          })
          .catch(() => undefined);
        await writeEvent(server.deps.db, committed.organization_id);
        const lead = await created.call('POST', '/v1/leads', { contact: { email: 'wake@example.com' } });
        expect(lead.status).toBe(201);
        await Promise.all([
          listener.wokenFor(committed.organization_id),
          listener.wokenFor(created.organization_id),
        ]);
      });

      // Wake-ups travel in order: one for the rolled-back transaction would have come first.
      expect(listener.organizations()).not.toContain(rolledBack.organization_id);
      const notifying = statements.filter(({ text }) => text.includes('pg_notify'));
      expect(notifying.length).toBeGreaterThanOrEqual(1);
      // Each is the statement of its own that sends wake-ups, never a statement of the transactions.
      expect(notifying.every(isAfterCommitNotify)).toBe(true);
      expect(statements.some(({ text }) => text.includes('insert into "events"'))).toBe(true);
      // What woke the listeners was sent after the commits.
      for (const org of [committed, created]) {
        expect(sentAfterCommit(statements)).toContain(
          `${EVENTS_CHANNEL} ${eventsWakeup(org.organization_id)}`,
        );
      }
    } finally {
      await listener.close();
    }
  });

  it('wakes the webhook workers after the commit too, when the fan-out trigger queued a delivery', async () => {
    const listener = await listenForWakeups();
    try {
      const org = await server.newOrg();
      // Stored directly: saving through the API would refuse a loopback URL, and nothing is sent here.
      await asSystem(server.deps.db, (tx) =>
        tx.insert(webhookEndpoints).values({
          id: crypto.randomUUID(),
          organizationId: org.organization_id,
          url: 'https://hooks.example.com/leads',
          events: ['lead.created'],
          secret: 'whsec_test',
        }),
      );
      const statements = await statementsDuring(async () => {
        const lead = await org.call('POST', '/v1/leads', { contact: { email: 'hooked@example.com' } });
        expect(lead.status).toBe(201);
        await listener.jobWakeup('webhook.deliver');
      });
      // The trigger handed the job's wake-up to the transaction, which sent it after its commit.
      expect(sentAfterCommit(statements)).toContain(`${JOBS_CHANNEL} webhook.deliver`);
      const { rows } = await (server.handle.client as { pool: pg.Pool }).pool.query(
        `select count(*)::int as queued from jobs where name = 'webhook.deliver' and organization_id = $1`,
        [org.organization_id],
      );
      expect(rows[0].queued).toBe(1);
    } finally {
      await listener.close();
    }
  });
});
