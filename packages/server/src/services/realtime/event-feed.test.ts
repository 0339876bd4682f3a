import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { listen } from '../../../test/listen.js';
import { writeEvent as writeRecordedEvent } from '../../../test/record-event.js';
import { openSse, type SseStream } from '../../../test/sse-client.js';
import { createApp } from '../../app.js';
import type { Database } from '../../db/database.js';
import * as schema from '../../db/schema.js';
import { createEventBus, type EventBus } from './event-bus.js';
import { currentPosition } from './event-cursor.js';
import { createEventFeeds } from './event-feed.js';
import { pipeEvents } from './event-stream.js';
import { createStreamRegistry } from './stream-registry.js';

const server = useTestServer();
const streams: SseStream[] = [];
afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
});

/** The same database seen through a drizzle instance that counts the stream reads of each organisation. */
function countingDatabase() {
  const reads = new Map<string, number>();
  const logger = {
    logQuery(query: string, params: unknown[]) {
      // readEvents is the only query that orders events by (tx_id, id).
      if (!query.includes('order by "events"."tx_id"')) return;
      const organizationId = String(params[0]);
      reads.set(organizationId, (reads.get(organizationId) ?? 0) + 1);
    },
  };
  const { client } = server.handle;
  const db = (client.kind === 'pglite'
    ? drizzlePglite({ client: client.pglite, schema, logger })
    : drizzlePostgres({ client: client.pool, schema, logger })) as unknown as Database;
  return {
    db,
    readsOf: (organizationId: string) => reads.get(organizationId) ?? 0,
    reset: () => reads.clear(),
  };
}

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const writeEvent = (organizationId: string) => writeRecordedEvent(server.deps.db, organizationId);

describe('the shared event feed', () => {
  it('reads the table once per wake-up for all of an organisation’s streams, and not at all for others', async () => {
    const counting = countingDatabase();
    const app = createApp({
      ...server.deps,
      db: counting.db,
      realtime: { streams: createStreamRegistry({ perKey: 100, perOrganization: 100 }) },
    });
    const listening = await listen(app);
    try {
      const [writer, quiet] = [await server.newOrg(), await server.newOrg()];
      const open = (key: string) =>
        openSse(`${listening.baseUrl}/v1/events`, { authorization: `Bearer ${key}` }).then((sse) => {
          streams.push(sse);
          return sse;
        });
      const watching = await Promise.all(Array.from({ length: 40 }, () => open(writer.secret_key)));
      const idle = await Promise.all(Array.from({ length: 10 }, () => open(quiet.secret_key)));
      await Promise.all([...watching, ...idle].map((sse) => sse.waitForComments(1)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      counting.reset();

      const created = await writer.call('POST', '/v1/leads', { contact: { email: 'fan-out@example.com' } });
      const received = await Promise.all(watching.map((sse) => sse.waitForMessages(1)));
      expect(
        received.every(([message]) => JSON.parse(message!.data).resource_id === created.body.data.id),
      ).toBe(true);
      // One read per wake-up for all 40, plus a re-read every 20–250 ms while PostgreSQL holds the
      // event behind a transaction running elsewhere on the cluster; a read per stream would be 40 or more.
      expect(counting.readsOf(writer.organization_id)).toBeGreaterThanOrEqual(1);
      expect(counting.readsOf(writer.organization_id)).toBeLessThan(watching.length / 2);
      expect(counting.readsOf(quiet.organization_id)).toBe(0);
      expect(idle.every((sse) => sse.messages.length === 0)).toBe(true);
    } finally {
      for (const stream of streams.splice(0)) stream.close();
      await listening.close();
    }
  });

  it('reads a quiet organisation’s events anyway when their wake-up was lost', async () => {
    // A bus that loses every wake-up, as when a server dies between a commit and its NOTIFY.
    const deaf: EventBus = { subscribe: async () => () => {}, close: async () => {} };
    const feeds = createEventFeeds(server.deps.db, deaf, { idleRereadMs: 50 });
    const org = await server.newOrg();
    const feed = await feeds.join(org.organization_id);
    const id = await writeEvent(org.organization_id);
    await until(() => feed.take().some((batch) => batch.events.some((event) => event.id === id)));
    feed.close();
    expect(feeds.running).toBe(0);
  });

  it('lets a client that stops reading catch up from the table, in order, without holding the events in memory', async () => {
    const bus = createEventBus(server.deps.db);
    const feeds = createEventFeeds(server.deps.db, bus, { maxQueuedEvents: 3 });
    const org = await server.newOrg();
    const feed = await feeds.join(org.organization_id);
    const start = await currentPosition(server.deps.db, org.organization_id);

    // A client whose socket is full: every write after the first waits until it drains.
    let drain!: () => void;
    const drained = new Promise<void>((resolve) => {
      drain = resolve;
    });
    const written: string[] = [];
    let writing = false;
    const stream = {
      aborted: false,
      async write(chunk: Uint8Array | string) {
        if (written.length > 0) {
          writing = true;
          await drained;
        }
        written.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk));
        return stream;
      },
    };
    const piping = pipeEvents(stream, {
      db: server.deps.db,
      organizationId: org.organization_id,
      start,
      feed,
      heartbeatMs: 60_000,
    });

    const ids = [await writeEvent(org.organization_id)];
    await until(() => writing);
    for (let i = 0; i < 8; i++) ids.push(await writeEvent(org.organization_id));
    // More than three events arrived while the client was stuck: the queue was dropped for a gap.
    await until(() => feed.gapUntil !== null);

    drain();
    const delivered = () => [...written.join('').matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
    await until(() => delivered().length >= ids.length);
    expect(delivered()).toEqual(ids);
    expect(feed.gapUntil).toBeNull();

    stream.aborted = true;
    feed.wakeup.notify();
    await piping;
    feed.close();
    expect(feeds.running).toBe(0);
    await bus.close();
  });
});
