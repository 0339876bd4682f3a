import { PGlite, type Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Database } from './database.js';
import { poolTransaction, releaseClient } from './open.js';
import * as schema from './schema.js';
import { APP_ROLE, SYSTEM_ROLE } from './tenant.js';
import { setConfigLiteral } from './transaction-settings.js';

/**
 * A `Database` whose every statement and every transaction runs under one scope (see tenant.ts):
 * for work outside a request that spans calls to the outside world (a webhook's POST, a provider,
 * an SMS) between its queries, so no transaction is held across them. A bare statement is its own
 * transaction (`begin; <scope>` in one round trip, the statement, `commit`); `transaction()` starts
 * with the scope.
 *
 * `organizationId` null is the system scope (every row); otherwise the app role with that
 * organisation. Both are transaction-local, as on the request path.
 */
export function scopedDatabase(db: Database, organizationId: string | null): Database {
  const settings = scopeStatement(organizationId);
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) return scopedPostgres(client, settings);
  if (client instanceof PGlite) return scopedPglite(client, settings);
  throw new Error(
    'scopedDatabase needs a database opened by openDatabase (not a transaction or a scoped one)',
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The scope as one literal statement (sent with `begin` in one simple-protocol round trip). */
function scopeStatement(organizationId: string | null): string {
  if (organizationId === null) return setConfigLiteral({ role: SYSTEM_ROLE });
  // Checked here, not on first use, so a wrong id fails where it is passed in.
  if (!UUID.test(organizationId))
    throw new Error(`Not an organisation id: ${JSON.stringify(organizationId)}`);
  return setConfigLiteral({ role: APP_ROLE, 'app.organization_id': organizationId });
}

function scopedPostgres(pool: pg.Pool, settings: string): Database {
  // drizzle's node-postgres session calls only `query` on a client that is not a pool.
  const client = {
    async query(config: unknown, values?: unknown) {
      const connection = await pool.connect();
      let failure: Error | undefined;
      try {
        await connection.query(`begin; ${settings}`);
        const result = await connection.query(config as pg.QueryConfig, values as unknown[]);
        await connection.query('commit');
        return result;
      } catch (error) {
        failure = error as Error;
        await connection.query('rollback').catch(() => {});
        throw error;
      } finally {
        releaseClient(connection, failure);
      }
    },
  };
  const db = drizzlePostgres({ client: client as unknown as pg.Pool, schema }) as unknown as Database;
  db.transaction = (work, config) =>
    poolTransaction(
      pool,
      async (tx) => {
        await tx.execute(sql.raw(settings));
        return work(tx);
      },
      config,
    );
  return db;
}

function scopedPglite(pglite: PGlite, settings: string): Database {
  // drizzle's PGlite session calls `query` for a statement and `transaction` for a transaction.
  const inScope = <T>(work: (tx: PgliteTransaction) => Promise<T>) =>
    pglite.transaction(async (tx) => {
      await tx.exec(settings);
      return work(tx);
    });
  const client = {
    query: (query: string, params?: unknown[], options?: Parameters<PGlite['query']>[2]) =>
      inScope((tx) => tx.query(query, params, options)),
    transaction: inScope,
  };
  return drizzlePglite({ client: client as unknown as PGlite, schema }) as unknown as Database;
}
