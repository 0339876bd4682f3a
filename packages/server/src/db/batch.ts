import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from './database.js';
import { type BoundStatement, isBoundStatement } from './statements.js';

/** What a raw statement answers: its rows, values parsed as `tx.execute` parses them. */
export interface StatementResult {
  rows: Record<string, unknown>[];
}

/** A drizzle `sql` template, or a statement compiled once (statements.ts). */
export type Statement = SQL | BoundStatement;

/** What a transaction whose driver can write several statements at once registers, here. */
export interface TransactionPlumbing {
  /** Writes the statements in one packet and answers each one's rows. */
  run(statements: Statement[]): Promise<StatementResult[]>;
  /** Holds a statement back until the COMMIT, sent in the COMMIT's packet. */
  holdForCommit(statement: Statement): void;
  /** Adds a parameterless statement to the BEGIN not yet sent; false when it has gone already. */
  joinBegin(text: string): boolean;
  /** Sends `pg_notify(channel, payload)` once the transaction has committed (never if it rolls back). */
  notifyAfterCommit(channel: string, payload: string): void;
}

const plumbing = new WeakMap<object, TransactionPlumbing>();

export function registerTransactionPlumbing(tx: Executor, registered: TransactionPlumbing): void {
  plumbing.set(tx, registered);
}

/** The drizzle session under any executor (a database, a transaction): it runs a compiled query. */
type SessionOf = {
  session: {
    prepareQuery(
      query: BoundStatement,
      fields: undefined,
      name: undefined,
      arrayMode: false,
    ): { execute(): Promise<StatementResult> };
  };
};

const executeOne = (tx: Executor, statement: Statement): Promise<StatementResult> =>
  isBoundStatement(statement)
    ? (tx as unknown as SessionOf).session.prepareQuery(statement, undefined, undefined, false).execute()
    : (tx.execute(statement) as unknown as Promise<StatementResult>);

/**
 * Runs `statements` one after the other, each a statement of its own (so under READ COMMITTED each
 * takes its snapshot when it starts, after the ones before it have finished: a lock taken by one is
 * held when the next one reads). On a node-postgres transaction they are written in one packet and
 * answered in one round trip (pipelined); elsewhere (PGlite, a savepoint) they are sent in turn.
 * A statement that fails aborts the transaction, so the ones after it fail too.
 */
export async function inOneRoundTrip(tx: Executor, statements: Statement[]): Promise<StatementResult[]> {
  const registered = plumbing.get(tx);
  if (registered) return registered.run(statements);
  const results: StatementResult[] = [];
  for (const statement of statements) results.push(await executeOne(tx, statement));
  return results;
}

/** One statement, answered with its rows (values parsed as `tx.execute` parses them). */
export async function runStatement(tx: Executor, statement: Statement): Promise<StatementResult> {
  const registered = plumbing.get(tx);
  if (registered) return (await registered.run([statement]))[0]!;
  return executeOne(tx, statement);
}

/**
 * A statement whose answer nobody reads (a row recorded beside the change), run as part of `tx`
 * before it commits. On a node-postgres transaction it is held back and written with the COMMIT,
 * in the same round trip; should it fail, the transaction rolls back and the commit fails with its
 * error. Elsewhere (PGlite, a savepoint) it runs at once.
 */
export async function runAtCommit(tx: Executor, statement: Statement): Promise<void> {
  const registered = plumbing.get(tx);
  if (registered) registered.holdForCommit(statement);
  else await executeOne(tx, statement);
}

/**
 * Runs `text` (one statement, its values written in as literals) at the start of `tx`. On a
 * node-postgres transaction that has sent nothing yet it joins the BEGIN, which travels with the
 * first statement: no round trip and no statement of its own. Should it fail, that first statement
 * fails with its error, and the transaction with it. Elsewhere (PGlite, a savepoint, a transaction
 * under way) it runs at once.
 */
export async function runWithBegin(tx: Executor, text: string): Promise<void> {
  if (plumbing.get(tx)?.joinBegin(text)) return;
  await tx.execute(sql.raw(text));
}

/**
 * Asks for `pg_notify(channel, payload)` to be sent once `tx` has committed, and answers whether it
 * will be; when not (PGlite, a savepoint, no transaction), the caller notifies inside its own
 * statement. A NOTIFY inside a transaction takes a lock that PostgreSQL holds through the commit's
 * WAL flush, so every notifying commit on the database waits for the one before it (sent
 * afterwards, the lead store's creation ran 13–19 % faster in issue 11's bench). Sent so, the
 * notification is a wake-up that a crash between the commit and its sending can lose, so whoever
 * listens must also look at the table now and then (the event feeds do).
 */
export function notifyAfterCommit(tx: Executor, channel: string, payload: string): boolean {
  const registered = plumbing.get(tx);
  registered?.notifyAfterCommit(channel, payload);
  return registered !== undefined;
}
