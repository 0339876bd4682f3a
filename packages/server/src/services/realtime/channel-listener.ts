import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from '../../db/database.js';

/**
 * Listens on one NOTIFY channel and reports payloads; `onReset` means notifications may have been
 * lost. Shared by the realtime event bus and the job workers: NOTIFY is only ever a wake-up there,
 * the tables stay the source of truth.
 */
export interface ChannelListener {
  start(onPayload: (payload: string) => void, onReset: () => void): Promise<void>;
  stop(): Promise<void>;
}

/** PGlite is one in-process database: its own LISTEN sees every commit. */
function pgliteListener(pglite: PGlite, channel: string): ChannelListener {
  let unlisten: (() => Promise<void>) | null = null;
  return {
    async start(onPayload) {
      unlisten = await pglite.listen(channel, onPayload);
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
 * One dedicated connection per listener (LISTEN needs a session of its own, outside the pool).
 * When it drops, it reconnects with backoff and then reports a reset, because notifications sent
 * while it was away are gone; whoever listens catches up from the table.
 */
function postgresListener(config: pg.ClientConfig, channel: string): ChannelListener {
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
      if (message.channel === channel) onPayload(message.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
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

/** A listener on `channel` for a database opened by `openDatabase`: PGlite's own LISTEN, or a dedicated pg client. */
export function channelListener(db: Database, channel: string): ChannelListener {
  // The channel is interpolated into `listen`: only plain identifiers are accepted.
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid NOTIFY channel name: ${channel}`);
  const client = clientOf(db);
  if (isPglite(client)) return pgliteListener(client, channel);
  if (isPool(client)) return postgresListener(client.options as pg.ClientConfig, channel);
  throw new Error('LISTEN needs a PGlite or node-postgres database');
}
