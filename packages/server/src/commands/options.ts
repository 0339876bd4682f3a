import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { type DatabaseHandle, DatabaseOpenError } from '../db/database.js';
import { migrateAsOwner, openDatabase } from '../db/open.js';

/** Options every command takes. */
export interface DatabaseOptions {
  dataDir?: string;
}

/** `--data-dir`, else HK_DATA_DIR, else `.hk-data` in the working directory. */
export const resolveDataDir = (options: DatabaseOptions) =>
  resolve(options.dataDir ?? process.env.HK_DATA_DIR ?? '.hk-data');

/**
 * PostgreSQL when DATABASE_URL is set, else PGlite in the data folder; migrated before use, through
 * DATABASE_MIGRATION_URL (the tables' owner) when set, so DATABASE_URL can log in as the app role.
 * `appliedMigrations` says how many migrations opening it applied.
 */
export async function openMigrated(
  options: DatabaseOptions,
): Promise<DatabaseHandle & { appliedMigrations: number }> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const migrationUrl = process.env.DATABASE_MIGRATION_URL || undefined;
  if (migrationUrl && !databaseUrl)
    throw new DatabaseOpenError(
      'DATABASE_MIGRATION_URL is set but DATABASE_URL is not: set both, or neither.',
    );
  const appliedAsOwner = migrationUrl ? await migrateAsOwner(migrationUrl) : 0;
  const handle = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: resolveDataDir(options) });
  if (migrationUrl) return Object.assign(handle, { appliedMigrations: appliedAsOwner });
  try {
    return Object.assign(handle, { appliedMigrations: await handle.migrate() });
  } catch (error) {
    await handle.close();
    throw error;
  }
}

export function parsePort(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('Not a port number.');
  const port = Number(value);
  if (port > 65_535) throw new InvalidArgumentError('A port is between 0 and 65535.');
  return port;
}

/** The port to serve on: `--port`, else PORT, else the fallback. */
export function resolvePort(option: number | undefined, fallback: number): number {
  if (option !== undefined) return option;
  const fromEnv = process.env.PORT;
  if (fromEnv === undefined || fromEnv === '') return fallback;
  return parseEnvSetting('PORT', fromEnv, parsePort);
}

/**
 * An environment variable read with its option's parser. A bad value becomes a plain error naming
 * the variable: commander prints the errors of its own parsing, but one thrown from an action
 * would leave the CLI without a word.
 */
export function parseEnvSetting<T>(name: string, value: string, parse: (value: string) => T): T {
  try {
    return parse(value);
  } catch (error) {
    throw new Error(`${name}=${value}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Closes the server and the database (releasing the data folder) on Ctrl-C or SIGTERM, once: a
 * SIGINT then a SIGTERM does not close twice. A second of the same signal ends the process at once
 * (Node's default), unless `ignoreRepeats`: an HTTP worker of `serve --workers N` often gets two
 * (Ctrl-C or a container stop signals the whole process group, and the primary forwards its own),
 * and the second must not end the drain the first started.
 */
export function closeOnSignal(close: () => Promise<void>, { ignoreRepeats = false } = {}) {
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    if (ignoreRepeats) process.on(signal, stop);
    else process.once(signal, stop);
  }
}
