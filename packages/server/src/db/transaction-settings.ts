import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Executor, Transaction } from './database.js';

/** Transaction-local settings (`set_config(name, value, true)`, i.e. `SET LOCAL`), by name. */
export type TransactionSettings = Readonly<Record<string, string>>;

type SettingsTransaction = <T>(
  settings: TransactionSettings,
  work: (tx: Transaction) => Promise<T>,
) => Promise<T>;

/** Drivers that can open a transaction with its settings in one round trip register it here. */
const fastPaths = new WeakMap<object, SettingsTransaction>();

export function registerSettingsTransaction(db: Executor, open: SettingsTransaction): void {
  fastPaths.set(db, open);
}

/** `select set_config(name, value, true), ...` with the values as parameters. */
export function setConfigStatement(settings: TransactionSettings): SQL {
  const calls = Object.entries(settings).map(([name, value]) => sql`set_config(${name}, ${value}, true)`);
  return sql`select ${sql.join(calls, sql`, `)}`;
}

/**
 * The same statement with the values as literals, for a simple query (which has no parameters),
 * e.g. sent with its `begin` in one message. A NUL would cut the message short, so none is accepted.
 */
export function setConfigLiteral(settings: TransactionSettings): string {
  const calls = Object.entries(settings).map(([name, value]) => {
    if (name.includes('\0') || value.includes('\0')) throw new Error('A transaction setting holds a NUL');
    return `set_config(${pg.escapeLiteral(name)}, ${pg.escapeLiteral(value)}, true)`;
  });
  return `select ${calls.join(', ')}`;
}

/**
 * Runs `work` in a transaction whose settings are in place before its first statement. On
 * node-postgres the BEGIN and the settings travel as one message (a request's transaction costs
 * one round trip less); on PGlite, and on a transaction (a savepoint), they are a `select
 * set_config(...)` right after the BEGIN.
 */
export function transactionWith<T>(
  db: Executor,
  settings: TransactionSettings,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const fast = fastPaths.get(db);
  if (fast) return fast(settings, work);
  return db.transaction(async (tx) => {
    await tx.execute(setConfigStatement(settings));
    return work(tx);
  });
}
