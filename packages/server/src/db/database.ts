import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import type * as schema from './schema.js';

/** One drizzle type for both drivers, so every query has one code path. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction handle; services take it so their writes land in the caller's transaction. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** What a query may run on: the database itself or an open transaction. */
export type Executor = Database | Transaction;

/** The raw client underneath, for what drizzle does not wrap (LISTEN for realtime events). */
export type DatabaseClient = { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; pool: Pool };

export interface DatabaseHandle {
  db: Database;
  client: DatabaseClient;
  /** Where the data lives, for messages: a folder, `memory`, or the URL without its password. */
  location: string;
  /** Applies the migrations not yet applied and answers how many it applied (0 when checking only, as the app role). */
  migrate(): Promise<number>;
  close(): Promise<void>;
}

/** A failure to open the database that the CLI reports as a plain message and exit code. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}
