import type { SQL } from 'drizzle-orm';
import type { Executor } from './database.js';

/** What a raw statement answers: its rows, values parsed as `tx.execute` parses them. */
export interface StatementResult {
  rows: Record<string, unknown>[];
}

type BatchRunner = (statements: SQL[]) => Promise<StatementResult[]>;

/** Transactions whose driver can write several statements at once register how, here. */
const runners = new WeakMap<object, BatchRunner>();

export function registerStatementBatches(tx: Executor, run: BatchRunner): void {
  runners.set(tx, run);
}

/**
 * Runs `statements` one after the other, each a statement of its own (so under READ COMMITTED each
 * takes its snapshot when it starts, after the ones before it have finished: a lock taken by one is
 * held when the next one reads). On a node-postgres transaction they are written in one packet and
 * answered in one round trip (pipelined); elsewhere (PGlite, a savepoint) they are sent in turn.
 * A statement that fails aborts the transaction, so the ones after it fail too.
 */
export async function inOneRoundTrip(tx: Executor, statements: SQL[]): Promise<StatementResult[]> {
  const run = runners.get(tx);
  if (run) return run(statements);
  const results: StatementResult[] = [];
  for (const statement of statements) {
    results.push((await tx.execute(statement)) as unknown as StatementResult);
  }
  return results;
}
