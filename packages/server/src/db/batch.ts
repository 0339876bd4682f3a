import type { SQL } from 'drizzle-orm';
import type { Executor } from './database.js';
import { type BoundStatement, isBoundStatement } from './statements.js';

/** What a raw statement answers: its rows, values parsed as `tx.execute` parses them. */
export interface StatementResult {
  rows: Record<string, unknown>[];
}

/** A drizzle `sql` template, or a statement compiled once (statements.ts). */
export type Statement = SQL | BoundStatement;

type BatchRunner = (statements: Statement[]) => Promise<StatementResult[]>;

/** Transactions whose driver can write several statements at once register how, here. */
const runners = new WeakMap<object, BatchRunner>();
/** …and how they hold a statement back until their COMMIT, sent in the COMMIT's packet. */
const holders = new WeakMap<object, (statement: Statement) => void>();

export function registerStatementBatches(
  tx: Executor,
  run: BatchRunner,
  holdForCommit: (statement: Statement) => void,
): void {
  runners.set(tx, run);
  holders.set(tx, holdForCommit);
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
  const run = runners.get(tx);
  if (run) return run(statements);
  const results: StatementResult[] = [];
  for (const statement of statements) results.push(await executeOne(tx, statement));
  return results;
}

/** One statement, answered with its rows (values parsed as `tx.execute` parses them). */
export async function runStatement(tx: Executor, statement: Statement): Promise<StatementResult> {
  const run = runners.get(tx);
  if (run) return (await run([statement]))[0]!;
  return executeOne(tx, statement);
}

/**
 * A statement whose answer nobody reads (a row recorded beside the change), run as part of `tx`
 * before it commits. On a node-postgres transaction it is held back and written with the COMMIT,
 * in the same round trip; should it fail, the transaction rolls back and the commit fails with its
 * error. Elsewhere (PGlite, a savepoint) it runs at once.
 */
export async function runAtCommit(tx: Executor, statement: Statement): Promise<void> {
  const hold = holders.get(tx);
  if (hold) hold(statement);
  else await executeOne(tx, statement);
}
