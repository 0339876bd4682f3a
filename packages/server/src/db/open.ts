import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { type Database, type DatabaseHandle, DatabaseOpenError } from './database.js';
import { poolTransactions } from './pool-transactions.js';
import * as schema from './schema.js';
import { APP_ROLE } from './tenant.js';

/** The migrations sit next to this module in the source tree and are copied beside the bundle. */
const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Runs `migrate` and answers how many migrations it applied, read from drizzle's journal table. */
async function countingApplied(
  query: (text: string) => Promise<{ rows: { applied: number }[] }>,
  migrate: () => Promise<unknown>,
): Promise<number> {
  // Before the first migration the journal does not exist: nothing is applied yet.
  const applied = () =>
    query('select count(*)::int as applied from drizzle.__drizzle_migrations').then(
      (result) => result.rows[0]?.applied ?? 0,
      () => 0,
    );
  const before = await applied();
  await migrate();
  return (await applied()) - before;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; omitted (or `memory://`) keeps the database in memory. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /**
   * In-memory PGlite started from this dump of another one (`PGlite.dumpDataDir`): the tests load
   * one migrated copy per file instead of initialising and migrating a database each time.
   */
  loadDataDir?: Blob;
  /**
   * PostgreSQL: the compiled statements of the write paths (db/statements.ts) are prepared once
   * per connection and then only bound, which spares the database parsing and planning them on
   * every request (a third of its CPU per lead here). Default true; pass false behind a pooler
   * that cannot keep named prepared statements (a transaction pooler that does not track them).
   */
  preparedStatements?: boolean;
}

/** PGlite in a data folder when there is no database URL, PostgreSQL (node-postgres) otherwise. */
export function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.maxConnections, options.preparedStatements)
    : openPglite(options.dataDir, options.loadDataDir);
}

const redactUrl = (url: string) => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured database';
  }
};

const isPostgresUrl = (url: string) => {
  try {
    return /^postgres(ql)?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
};

async function openPostgres(
  databaseUrl: string,
  maxConnections = 10,
  preparedStatements = true,
): Promise<DatabaseHandle> {
  const location = redactUrl(databaseUrl);
  // node-postgres reads a string that is no URL as a host name ("getaddrinfo ENOTFOUND base").
  if (!isPostgresUrl(databaseUrl))
    throw new DatabaseOpenError(
      'DATABASE_URL is not a PostgreSQL connection URL: expected postgres://user:password@host:5432/database',
    );
  let pool: pg.Pool;
  try {
    // Pipelined clients: statements written together are answered together (pool-transactions.ts).
    pool = new pg.Pool({
      connectionString: databaseUrl,
      max: maxConnections,
      connectionTimeoutMillis: 5000,
      pipeline: true,
    });
  } catch (error) {
    throw new DatabaseOpenError(`Invalid DATABASE_URL (${(error as Error).message}).`);
  }
  // An idle client that loses its server emits 'error'; without a listener that kills the process.
  pool.on('error', () => {});
  // A client checked out between two queries (inside a transaction, say) that loses its server
  // emits 'error' too, and the pool only listens to idle ones: each client gets its own listener,
  // so the failure reaches the waiting query (a 503) instead of ending the process.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(`Cannot reach PostgreSQL at ${location}: ${(error as Error).message}`);
  }
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Database;
  const transactions = poolTransactions(pool, db, { preparedStatements });
  db.transaction = transactions.transaction;
  transactions.register();
  return {
    db,
    client: { kind: 'postgres', pool },
    location,
    migrate: () => migratePostgresAs(pool, location),
    close: async () => {
      await transactions.drain();
      await pool.end();
    },
  };
}

/**
 * Applies the migrations through `migrationUrl`, the tables' owner (`DATABASE_MIGRATION_URL`), on a
 * connection of its own: the app may log in as `hidden_key_app`, which owns nothing and cannot
 * migrate. Run it before opening the app's pool: on a new database the app role does not exist yet.
 */
export async function migrateAsOwner(migrationUrl: string): Promise<number> {
  const owner = await openPostgres(migrationUrl, 1);
  try {
    return await owner.migrate();
  } finally {
    await owner.close();
  }
}

/**
 * Migrates as the connecting role; when that is the app role (which may not), only checks that
 * every migration this server ships is applied, and refuses to start on an older schema.
 */
async function migratePostgresAs(pool: pg.Pool, location: string): Promise<number> {
  const { rows } = await pool.query<{ role: string }>('select current_user as role');
  if (rows[0]?.role !== APP_ROLE) {
    return countingApplied(
      (text) => pool.query(text),
      () => migratePostgres(drizzlePostgres({ client: pool }), { migrationsFolder }),
    );
  }
  const owner = "run `hk-server migrate` with DATABASE_MIGRATION_URL set to the tables' owner";
  let applied: number;
  try {
    const last = await pool.query<{ at: string | null }>(
      'select max(created_at)::text as at from drizzle.__drizzle_migrations',
    );
    applied = Number(last.rows[0]?.at ?? 0);
  } catch (error) {
    throw new DatabaseOpenError(
      `DATABASE_URL logs in as ${APP_ROLE}, which cannot migrate ${location} (${(error as Error).message}): ${owner}.`,
    );
  }
  const pending = readMigrationFiles({ migrationsFolder }).filter((m) => m.folderMillis > applied);
  if (pending.length > 0) {
    throw new DatabaseOpenError(
      `${location} lacks ${pending.length} migration(s) this server needs, and ${APP_ROLE} cannot apply them: ${owner}.`,
    );
  }
  return 0;
}

/**
 * drizzle's node-postgres `transaction()` sends BEGIN before its try/finally, so a BEGIN that fails
 * on a dead connection (a database outage) never gives the pool its client back: every request
 * runs in a transaction (row-level security), so each outage would leak clients until the pool
 * is empty and `close()` waits forever. Here the checkout is ours: the client always goes back,
 * and a broken one is destroyed instead of being handed to the next request.
 */
export async function poolTransaction<T>(
  pool: pg.Pool,
  work: Parameters<Database['transaction']>[0],
  config: Parameters<Database['transaction']>[1],
): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    const db = drizzlePostgres({ client, schema }) as unknown as Database;
    return (await db.transaction(work, config)) as T;
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    releaseClient(client, failure);
  }
}

/** Gives a checked-out client back, destroying it when `failure` broke its connection. */
export function releaseClient(client: pg.PoolClient, failure: Error | undefined) {
  // pg marks a client whose connection failed or ended as no longer queryable.
  const state = client as unknown as { _queryable?: boolean; _ending?: boolean };
  client.release(failure && (state._queryable === false || state._ending) ? failure : undefined);
}

async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = inMemory ? new PGlite({ loadDataDir }) : new PGlite(dataDir);
    await pglite.waitReady;
  } catch (error) {
    release();
    throw new DatabaseOpenError(`Cannot open the data folder ${dataDir}: ${(error as Error).message}`);
  }
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Database;
  return {
    db,
    client: { kind: 'pglite', pglite },
    location: inMemory ? 'memory' : dataDir,
    migrate: () =>
      countingApplied(
        (text) => pglite.query(text),
        () => migratePglite(drizzlePglite({ client: pglite }), { migrationsFolder }),
      ),
    close: async () => {
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}
