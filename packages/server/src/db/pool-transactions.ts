import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import type { TablesRelationalConfig } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgDialect, PgTransactionConfig } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { registerStatementBatches, type Statement, type StatementResult } from './batch.js';
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
      const connection = { client, pendingBegin: null, held: [] } as unknown as Connection;
      // drizzle calls `query(config, values)` on this: the first call of a transaction carries its BEGIN.
      const viaConnection = {
        query: (config: QueryConfig, values?: unknown[]) =>
          connection.pendingBegin === null
            ? client.query(config as pg.QueryConfig, values)
            : send(connection, [{ config, values }])[0],
      };
      connection.session = new NodePgSession(viaConnection as unknown as pg.PoolClient, dialect, relations);
      connection.tx = new NodePgTransaction(dialect, connection.session, relations) as unknown as Transaction;
      registerStatementBatches(connection.tx, batchOn(connection), (statement) =>
        connection.held.push(statement),
      );
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
      return result;
    } catch (error) {
      // pg marks a client whose connection failed or ended as no longer queryable.
      const state = client as unknown as { _queryable?: boolean; _ending?: boolean };
      if (state._queryable === false || state._ending) broken ??= error as Error;
      throw error;
    } finally {
      connection.pendingBegin = null;
      connection.held = [];
      client.release(broken);
    }
  }

  return {
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

const preparedName = (text: string) => `hk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;

/** `begin` with drizzle's transaction options (isolation level, access mode, deferrable). */
function beginStatement(config: PgTransactionConfig | undefined): string {
  const options = [
    config?.isolationLevel && `isolation level ${config.isolationLevel}`,
    config?.accessMode,
    config?.deferrable === undefined ? undefined : config.deferrable ? 'deferrable' : 'not deferrable',
  ].filter(Boolean);
  return ['begin', ...options].join(' ');
}

/** `begin; select set_config(...)` as one simple query: one round trip for both. */
function beginWithSettings(settings: TransactionSettings): string {
  return `begin; ${setConfigLiteral(settings)}`;
}
