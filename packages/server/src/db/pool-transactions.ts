import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import type { TablesRelationalConfig } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgDialect, PgTransactionConfig } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { registerTransactionPlumbing, type Statement, type StatementResult } from './batch.js';
import type { Database, Transaction } from './database.js';
import type * as schema from './schema.js';
import { isBoundStatement } from './statements.js';
import {
  registerSettingsTransaction,
  setConfigLiteral,
  type TransactionSettings,
} from './transaction-settings.js';

type Session = NodePgSession<typeof schema, TablesRelationalConfig>;
type QueryConfig = { text: string; name?: string; types?: unknown };

/**
 * Transactions on a node-postgres pool, ours rather than drizzle's:
 * - drizzle sends BEGIN before its try/finally, so a BEGIN that fails on a dead connection (a
 *   database outage) never gives the pool its client back: every request runs in a transaction
 *   (row-level security), so each outage would leak clients until the pool is empty and `close()`
 *   waits forever. Here the client always goes back, and a broken one is destroyed instead of
 *   being handed to the next request.
 * - Round trips, which are most of what a write costs: the pool's clients pipeline (`pipeline:
 *   true`, set by `openDatabase`), and the BEGIN with the transaction's settings (the request's role
 *   and organisation) is held back and written with the transaction's first statement, in one
 *   packet. A transaction that runs no statement sends nothing at all. `inOneRoundTrip` (batch.ts)
 *   writes several statements in one packet the same way.
 * - CPU: the drizzle session over a client is built once per client, not per transaction (building
 *   one walks the whole schema). With `preparedStatements`, a compiled statement (statements.ts) is
 *   a named prepared statement: each connection parses and plans it once, then only binds it.
 * - Commits that do not queue behind each other: NOTIFYs asked for with `notifyAfterCommit` are
 *   sent after the COMMIT, gathered into one statement (`notificationsAfterCommit`).
 */
export function poolTransactions(pool: pg.Pool, root: Database, options: { preparedStatements: boolean }) {
  // drizzle keeps these internal; they are the root database's, shared by every transaction.
  const { dialect, session: rootSession } = root as unknown as { dialect: PgDialect; session: object };
  const relations = (rootSession as { schema: ConstructorParameters<typeof NodePgSession>[2] }).schema;

  /**
   * Per pool client: the BEGIN not yet written, the drizzle session that queries through it, and
   * the drizzle transaction over that session with the statements it holds for its COMMIT. The
   * transaction object is reused by every transaction of the client (building one walks the whole
   * schema); it keeps no state of its own between them.
   */
  interface Connection {
    client: pg.PoolClient;
    pendingBegin: string | null;
    session: Session;
    tx: Transaction;
    held: Statement[];
    /** `pg_notify` calls to send once the transaction commits, as `channel\npayload` (deduplicated). */
    notifications: Set<string>;
  }
  const connections = new WeakMap<pg.PoolClient, Connection>();

  /** Writes `queries` in one packet, the held-back BEGIN first; answers each query's result. */
  function send(connection: Connection, queries: { config: QueryConfig; values?: unknown[] }[]) {
    const { client } = connection;
    const stream = (client as unknown as { connection: { stream: Socket } }).connection.stream;
    stream.cork();
    try {
      const begin = connection.pendingBegin;
      connection.pendingBegin = null;
      const began = begin === null ? null : client.query(begin);
      const results = queries.map(({ config, values }) => client.query(config as pg.QueryConfig, values));
      if (!began) return results;
      // A failed BEGIN is the failure to report; the statements behind it fail only because of it.
      for (const result of results) result.catch(() => {});
      return results.map((result) => began.then(() => result));
    } finally {
      stream.uncork();
    }
  }

  function connectionOf(client: pg.PoolClient): Connection {
    let found = connections.get(client);
    if (!found) {
      const connection = {
        client,
        pendingBegin: null,
        held: [],
        notifications: new Set(),
      } as unknown as Connection;
      // drizzle calls `query(config, values)` on this: the first call of a transaction carries its BEGIN.
      const viaConnection = {
        query: (config: QueryConfig, values?: unknown[]) =>
          connection.pendingBegin === null
            ? client.query(config as pg.QueryConfig, values)
            : send(connection, [{ config, values }])[0],
      };
      connection.session = new NodePgSession(viaConnection as unknown as pg.PoolClient, dialect, relations);
      connection.tx = new NodePgTransaction(dialect, connection.session, relations) as unknown as Transaction;
      // The jobs trigger's wake-ups (migration 0021), to be sent once the transaction commits.
      client.on('notice', (notice) => {
        if (notice.code === WAKE_NOTICE && notice.message && notice.detail !== undefined)
          connection.notifications.add(`${notice.message}\n${notice.detail}`);
      });
      registerTransactionPlumbing(connection.tx, {
        run: batchOn(connection),
        holdForCommit: (statement) => connection.held.push(statement),
        joinBegin: (text) => {
          if (connection.pendingBegin === null) return false;
          connection.pendingBegin += `; ${text}`;
          return true;
        },
        notifyAfterCommit: (channel, payload) => connection.notifications.add(`${channel}\n${payload}`),
      });
      connections.set(client, connection);
      found = connection;
    }
    return found;
  }

  /**
   * drizzle's own query config for raw SQL (so values are parsed as `tx.execute` parses them), once
   * per text of a compiled statement: the config holds no values, and pg copies it per query. Its
   * name, when prepared, comes from the text, so every process names one statement alike.
   */
  const compiledConfigs = new Map<string, QueryConfig>();
  const rawQueryConfig = (connection: Connection, query: { sql: string; params: unknown[] }) =>
    (
      connection.session.prepareQuery(query, undefined, undefined, false) as unknown as {
        rawQueryConfig: QueryConfig;
      }
    ).rawQueryConfig;

  const toQuery = (connection: Connection, statement: Statement) => {
    if (isBoundStatement(statement)) {
      let config = compiledConfigs.get(statement.sql);
      if (!config) {
        config = rawQueryConfig(connection, statement);
        if (options.preparedStatements) config = { ...config, name: preparedName(statement.sql) };
        compiledConfigs.set(statement.sql, config);
      }
      return { config, values: statement.params };
    }
    const query = dialect.sqlToQuery(statement);
    return { config: rawQueryConfig(connection, query), values: query.params };
  };

  /** `inOneRoundTrip` on a transaction of `connection`: the statements in one packet. */
  const batchOn = (connection: Connection) => (statements: Statement[]) =>
    Promise.all(
      send(
        connection,
        statements.map((statement) => toQuery(connection, statement)),
      ),
    ) as Promise<StatementResult[]>;

  /**
   * COMMIT with the statements held for it (`runAtCommit`) in front, in one packet. A held
   * statement that fails aborts the transaction, so the COMMIT rolls it back; that failure is
   * thrown, as if the statement had been sent on its own.
   */
  async function commit(connection: Connection, held: Statement[]): Promise<void> {
    if (held.length === 0) {
      await connection.client.query('commit');
      return;
    }
    const queries = held.map((statement) => toQuery(connection, statement));
    const settled = await Promise.allSettled(send(connection, [...queries, { config: { text: 'commit' } }]));
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async function transaction<T>(begin: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    const connection = connectionOf(client);
    // Set when the client must not go back to the pool: its connection failed, or a rollback did.
    let broken: Error | undefined;
    try {
      connection.pendingBegin = begin;
      connection.held = [];
      connection.notifications = new Set();
      let result: T;
      try {
        result = await work(connection.tx);
      } catch (error) {
        // Nothing to roll back when nothing was sent; a multi-statement BEGIN whose later statement
        // failed has left an aborted transaction open, so it is rolled back too.
        if (connection.pendingBegin === null) {
          await client.query('rollback').catch((rollbackFailure: Error) => {
            broken = rollbackFailure;
          });
        }
        throw error;
      }
      // A transaction that sent nothing and holds nothing has nothing to commit.
      if (connection.pendingBegin === null || connection.held.length > 0) {
        await commit(connection, connection.held);
      }
      notifier.send(connection.notifications);
      return result;
    } catch (error) {
      // pg marks a client whose connection failed or ended as no longer queryable.
      const state = client as unknown as { _queryable?: boolean; _ending?: boolean };
      if (state._queryable === false || state._ending) broken ??= error as Error;
      throw error;
    } finally {
      connection.pendingBegin = null;
      connection.held = [];
      connection.notifications = new Set();
      client.release(broken);
    }
  }

  const notifier = notificationsAfterCommit(pool);

  return {
    /** Resolves once the notifications of committed transactions have been sent (before closing the pool). */
    drain: () => notifier.drain(),
    /** `db.transaction()` of the pool, with drizzle's options. */
    transaction: <T>(work: (tx: Transaction) => Promise<T>, config?: PgTransactionConfig) =>
      transaction(beginStatement(config), work),
    /** A transaction with its settings in place before its first statement (`transactionWith`). */
    register(): void {
      registerSettingsTransaction(root, async (settings, work) =>
        transaction(beginWithSettings(settings), work),
      );
    },
  };
}

/** While transactions commit concurrently, the least time between two statements of `notificationsAfterCommit`. */
export const NOTIFY_SPACING_MS = 10;

/**
 * The `pg_notify` calls of committed transactions (`notifyAfterCommit`), sent on the pool by a
 * statement of their own; those that come while one is on its way gather into the next. When that
 * statement carried more than one transaction's, commits are concurrent and the next waits until
 * `NOTIFY_SPACING_MS` after it, so a busy instance sends at most 100 a second whatever its write
 * rate (one per four leads at 1,000 leads/s, unspaced, cost the HTTP routes about 5 % of their
 * rate), while one write at a time is still announced at once. A failure (the database gone)
 * loses them: they are wake-ups, and listeners re-read their tables on reconnect.
 */
function notificationsAfterCommit(pool: pg.Pool) {
  let gathered = new Set<string>();
  let sending: Promise<void> | null = null;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  /** Transactions whose notifications are gathered, and whether the last statement carried several. */
  let transactions = 0;
  let concurrent = false;

  async function sendGathered() {
    while (gathered.size > 0) {
      const wait = lastSentAt + NOTIFY_SPACING_MS - performance.now();
      if (concurrent && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      concurrent = transactions > 1;
      transactions = 0;
      // Each is `channel\npayload`; a channel name holds no line break.
      const split = [...gathered].map((notification) => {
        const at = notification.indexOf('\n');
        return [notification.slice(0, at), notification.slice(at + 1)];
      });
      gathered = new Set();
      lastSentAt = performance.now();
      await pool
        .query(
          'select pg_notify(channel, payload) from unnest($1::text[], $2::text[]) as sent(channel, payload)',
          [split.map(([channel]) => channel), split.map(([, payload]) => payload)],
        )
        .catch(() => undefined);
    }
    sending = null;
  }

  return {
    send(notifications: ReadonlySet<string>) {
      if (notifications.size === 0) return;
      for (const notification of notifications) gathered.add(notification);
      transactions++;
      sending ??= sendGathered();
    },
    drain: async () => {
      await sending;
    },
  };
}

const preparedName = (text: string) => `hk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;

/**
 * Set in every transaction of the pool: SQL that would NOTIFY inside it (the jobs trigger,
 * migration 0021) raises a notice with SQLSTATE `WAKE_NOTICE` instead, the channel as its message
 * and the payload as its detail, and the notification is sent after the commit.
 */
const WAKE_AFTER_COMMIT: TransactionSettings = { 'hk.wake_after_commit': 'on' };
const WAKE_NOTICE = 'HKW01';

/** `begin` with drizzle's transaction options (isolation level, access mode, deferrable). */
function beginStatement(config: PgTransactionConfig | undefined): string {
  const options = [
    config?.isolationLevel && `isolation level ${config.isolationLevel}`,
    config?.accessMode,
    config?.deferrable === undefined ? undefined : config.deferrable ? 'deferrable' : 'not deferrable',
  ].filter(Boolean);
  return `${['begin', ...options].join(' ')}; ${setConfigLiteral(WAKE_AFTER_COMMIT)}`;
}

/** `begin; select set_config(...)` as one simple query: one round trip for both. */
function beginWithSettings(settings: TransactionSettings): string {
  return `begin; ${setConfigLiteral({ ...settings, ...WAKE_AFTER_COMMIT })}`;
}
