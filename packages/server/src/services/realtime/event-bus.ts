import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from '../../db/database.js';
import { EVENTS_CHANNEL } from '../events.js';

/** Called when an organisation may have new events; the stream then reads them from the table. */
export type Wake = () => void;

/**
 * Wakes the event streams of this process when another transaction, in this process or any other
 * on the same database, commits events. NOTIFY is only a wake-up: streams read the events table
 * (the source of truth), so a lost or duplicated notification costs latency, never an event.
 */
export interface EventBus {
  /**
   * Registers `wake` for the organisation's events; resolves once the bus is listening, so a
   * stream that reads the table afterwards cannot miss a commit in between. Returns the unsubscribe.
   */
  subscribe(organizationId: string, wake: Wake): Promise<() => void>;
  /** Stops listening and drops every subscriber. */
  close(): Promise<void>;
}

/** Listens on one channel and reports payloads; `onReset` means notifications may have been lost. */
interface ChannelListener {
  start(onPayload: (payload: string) => void, onReset: () => void): Promise<void>;
  stop(): Promise<void>;
}

const organizationOf = (payload: string): string | null => {
  try {
    const parsed = JSON.parse(payload) as { organization_id?: unknown };
    return typeof parsed.organization_id === 'string' ? parsed.organization_id : null;
  } catch {
    return null;
  }
};

/**
 * An event bus over a channel listener. The listener runs only while someone subscribes, so an
 * app with no open stream holds no extra connection; start and stop are serialised on one chain.
 */
function busOver(listener: ChannelListener): EventBus {
  const subscribers = new Map<string, Set<Wake>>();
  let count = 0;
  let running = false;
  let transition: Promise<void> = Promise.resolve();

  const wakeAll = () => {
    for (const wakes of subscribers.values()) for (const wake of wakes) wake();
  };
  const onPayload = (payload: string) => {
    const organizationId = organizationOf(payload);
    // An unreadable payload could concern anyone: wake everyone rather than risk a stall.
    const targets = organizationId ? [subscribers.get(organizationId)] : [...subscribers.values()];
    for (const wakes of targets) for (const wake of wakes ?? []) wake();
  };
  const sync = () => {
    transition = transition.then(async () => {
      if (count > 0 && !running) {
        await listener.start(onPayload, wakeAll);
        running = true;
      } else if (count === 0 && running) {
        running = false;
        await listener.stop();
      }
    });
    return transition;
  };

  return {
    async subscribe(organizationId, wake) {
      const wakes = subscribers.get(organizationId) ?? new Set<Wake>();
      subscribers.set(organizationId, wakes);
      const entry: Wake = () => wake();
      wakes.add(entry);
      count++;
      let active = true;
      const unsubscribe = () => {
        if (!active) return;
        active = false;
        wakes.delete(entry);
        if (wakes.size === 0 && subscribers.get(organizationId) === wakes) subscribers.delete(organizationId);
        count--;
        void sync().catch(() => undefined);
      };
      try {
        await sync();
      } catch (error) {
        unsubscribe();
        throw error;
      }
      return unsubscribe;
    },
    async close() {
      subscribers.clear();
      count = 0;
      await sync();
    },
  };
}

/** PGlite is one in-process database: its own LISTEN sees every commit. */
function pgliteListener(pglite: PGlite): ChannelListener {
  let unlisten: (() => Promise<void>) | null = null;
  return {
    async start(onPayload) {
      unlisten = await pglite.listen(EVENTS_CHANNEL, onPayload);
    },
    async stop() {
      await unlisten?.();
      unlisten = null;
    },
  };
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

/**
 * One dedicated connection per process (LISTEN needs a session of its own, outside the pool).
 * When it drops, it reconnects with backoff and then wakes every stream, because notifications
 * sent while it was away are gone; the streams catch up from the table.
 */
function postgresListener(config: pg.ClientConfig): ChannelListener {
  let client: pg.Client | null = null;
  let stopped = true;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (
    onPayload: (payload: string) => void,
    onReset: () => void,
    delay: number,
    initial = false,
  ) => {
    const next = new pg.Client(config);
    client = next;
    const reconnect = () => {
      if (client !== next || stopped) return;
      client = null;
      next.end().catch(() => undefined);
      retryTimer = setTimeout(() => {
        connect(onPayload, onReset, Math.min(delay * 2, RECONNECT_MAX_MS))
          .then(onReset)
          .catch(() => undefined);
      }, delay);
    };
    next.on('error', reconnect);
    next.on('end', reconnect);
    next.on('notification', (message) => {
      if (message.channel === EVENTS_CHANNEL) onPayload(message.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`listen ${EVENTS_CHANNEL}`);
    } catch (error) {
      if (initial) {
        // The first connection fails to the subscriber, who sees the error; no retry loop is left behind.
        stopped = true;
        clearTimeout(retryTimer);
        client = null;
        await next.end().catch(() => undefined);
      } else {
        reconnect();
      }
      throw error;
    }
  };

  return {
    async start(onPayload, onReset) {
      stopped = false;
      await connect(onPayload, onReset, RECONNECT_MIN_MS, true);
    },
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}

/** The raw client under a drizzle database: a PGlite instance or a node-postgres pool. */
const clientOf = (db: Database) => (db as unknown as { $client?: unknown }).$client;

const isPglite = (client: unknown): client is PGlite =>
  typeof (client as PGlite | undefined)?.listen === 'function';

const isPool = (client: unknown): client is pg.Pool =>
  typeof (client as pg.Pool | undefined)?.connect === 'function' && 'options' in (client as object);

/** The bus for a database opened by `openDatabase`: PGlite's own LISTEN, or a dedicated pg client. */
export function createEventBus(db: Database): EventBus {
  const client = clientOf(db);
  if (isPglite(client)) return busOver(pgliteListener(client));
  if (isPool(client)) return busOver(postgresListener(client.options as pg.ClientConfig));
  throw new Error('Realtime events need a PGlite or node-postgres database');
}
