import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { inOneRoundTrip, runStatement } from '../src/db/batch.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { compileStatement } from '../src/db/statements.js';

/**
 * Compiled statements as named prepared statements on PostgreSQL (db/pool-transactions.ts): each
 * connection parses and plans one once, also when several transactions pipeline it at once, and
 * a statement whose parse never happened (its transaction had already failed) is parsed again.
 */
const databaseUrl = inject('postgresUrl')!;
const handles: DatabaseHandle[] = [];
const open = async (preparedStatements?: boolean) => {
  const handle = await openDatabase({ databaseUrl, maxConnections: 4, preparedStatements });
  handles.push(handle);
  return handle;
};
afterAll(async () => {
  await Promise.all(handles.map((handle) => handle.close()));
});

const doubled = compileStatement<'n'>((value) => sql`select (${value('n')}::int * 2) as value`);
const preparedHere = sql`select count(*)::int as value from pg_prepared_statements where name like 'hk\\_%'`;
const firstValue = (result: { rows: Record<string, unknown>[] }) => result.rows[0]?.value;

describe('compiled statements on PostgreSQL', () => {
  it('are prepared once per connection, also when 40 transactions pipeline them on 4 connections', async () => {
    const { db } = await open();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        db.transaction(async (tx) => {
          const [first, second] = await inOneRoundTrip(tx, [doubled({ n }), doubled({ n: n + 1 })]);
          const prepared = firstValue(await runStatement(tx, preparedHere));
          return [firstValue(first!), firstValue(second!), prepared];
        }),
      ),
    );
    expect(answers.map(([first, second]) => [first, second])).toEqual(
      Array.from({ length: 40 }, (_, n) => [2 * n, 2 * n + 2]),
    );
    // Every connection holds the statement once it has run it.
    expect(answers.every(([, , prepared]) => Number(prepared) >= 1)).toBe(true);
  });

  it('are parsed again after a transaction that failed before their parse', async () => {
    const { db } = await open();
    const failing = db.transaction((tx) => inOneRoundTrip(tx, [sql`select 1 / 0`, doubled({ n: 1 })]));
    await expect(failing).rejects.toThrow(/division by zero/);
    const after = await Promise.all(
      Array.from({ length: 8 }, (_, n) => db.transaction((tx) => runStatement(tx, doubled({ n })))),
    );
    expect(after.map(firstValue)).toEqual(Array.from({ length: 8 }, (_, n) => 2 * n));
  });

  it('are sent as plain statements with preparedStatements: false (for a transaction pooler)', async () => {
    const { db } = await open(false);
    const prepared = await db.transaction(async (tx) => {
      expect(firstValue(await runStatement(tx, doubled({ n: 21 })))).toBe(42);
      return firstValue(await runStatement(tx, preparedHere));
    });
    expect(prepared).toBe(0);
  });
});
