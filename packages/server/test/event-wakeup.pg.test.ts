import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { EVENTS_CHANNEL, recordEvent } from '../src/services/events.js';
import { useTestServer } from './harness.js';
import { writeEvent } from './record-event.js';

/**
 * A NOTIFY inside a transaction makes its commit wait for every other notifying commit on the
 * database (PostgreSQL holds the notification queue's lock through the commit's WAL flush). So the
 * wake-up of an event's listeners is sent after its transaction commits, from outside it.
 */
const server = useTestServer();

/** Every statement the app's pool sends while `work` runs, in order. */
async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: Parameters<typeof query>) {
    const [config] = args as unknown as [string | { text: string }];
    sent.push(typeof config === 'string' ? config : config.text);
    return query.apply(this, args);
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return sent;
}

async function listenForWakeups() {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  const payloads: string[] = [];
  const waiting = new Set<() => void>();
  client.on('notification', (message) => {
    if (message.channel !== EVENTS_CHANNEL) return;
    payloads.push(message.payload ?? '');
    for (const check of waiting) check();
  });
  await client.query(`listen ${EVENTS_CHANNEL}`);
  return {
    organizations: () => payloads.map((payload) => JSON.parse(payload).organization_id as string),
    /** Resolves once a wake-up for the organisation has arrived. */
    wokenFor: (organizationId: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!payloads.some((payload) => JSON.parse(payload).organization_id === organizationId)) return;
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      }),
    close: () => client.end(),
  };
}

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
      const notifying = statements.filter((text) => text.includes('pg_notify'));
      expect(notifying.length).toBeGreaterThanOrEqual(1);
      // Each is the statement of its own that sends wake-ups, never a statement of the transactions.
      expect(notifying.every((text) => text.includes('from unnest('))).toBe(true);
      expect(statements.some((text) => text.includes('insert into "events"'))).toBe(true);
    } finally {
      await listener.close();
    }
  });
});
