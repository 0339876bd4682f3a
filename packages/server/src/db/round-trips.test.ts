import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/harness.js';
import { inOneRoundTrip, runAtCommit } from './batch.js';
import { compileStatement } from './statements.js';
import { transactionWith } from './transaction-settings.js';

/**
 * The transaction plumbing that saves round trips (on PostgreSQL: the BEGIN and its settings held
 * back and written with the first statement, statements pipelined), on both drivers.
 */
const server = useTestServer();
const setting = (name: string) => sql`select current_setting(${name}, true) as value`;
/** An error's message with its causes' (drizzle wraps the driver's error as the cause). */
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no failure',
    (error: unknown) => {
      const messages: string[] = [];
      for (let current = error as { message?: string; cause?: unknown } | undefined; current; ) {
        messages.push(String(current.message));
        current = current.cause as typeof current;
      }
      return messages.join(' <- ');
    },
  );
const firstValue = (result: { rows: Record<string, unknown>[] }) => result.rows[0]?.value;

describe('transactions with settings', () => {
  it('has its settings in place for its first statement, and only inside the transaction', async () => {
    const db = server.handle.db;
    const inside = await transactionWith(db, { 'app.round_trip': 'first' }, async (tx) =>
      firstValue((await tx.execute(setting('app.round_trip'))) as never),
    );
    expect(inside).toBe('first');
    // Enough transactions to reuse every pooled connection: none carries the setting over.
    const after = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => firstValue((await tx.execute(setting('app.round_trip'))) as never)),
      ),
    );
    expect(after.every((value) => value === null || value === '')).toBe(true);
  });

  it('answers what its work answers when the work runs no statement, and fails as the work fails', async () => {
    const db = server.handle.db;
    expect(await transactionWith(db, { 'app.round_trip': 'unused' }, async () => 42)).toBe(42);
    await expect(
      transactionWith(db, { 'app.round_trip': 'unused' }, async () => {
        throw new Error('before any statement');
      }),
    ).rejects.toThrow('before any statement');
  });

  it('reports a setting that fails, and leaves no connection in an aborted transaction', async () => {
    const db = server.handle.db;
    expect(
      await failureOf(transactionWith(db, { role: 'hk_no_such_role' }, (tx) => tx.execute(sql`select 1`))),
    ).toMatch(/role "hk_no_such_role" does not exist/);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        transactionWith(db, { 'app.round_trip': `run ${i}` }, async (tx) =>
          firstValue((await tx.execute(setting('app.round_trip'))) as never),
        ),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => `run ${i}`));
  });

  it('keeps a NUL out of a setting', async () => {
    await expect(
      transactionWith(server.handle.db, { 'app.round_trip': 'a\0b' }, (tx) => tx.execute(sql`select 1`)),
    ).rejects.toThrow();
  });
});

describe('inOneRoundTrip', () => {
  it('runs statements in order, each seeing what the ones before it did', async () => {
    const results = await server.handle.db.transaction((tx) =>
      inOneRoundTrip(tx, [
        sql`create temporary table round_trip_order (n int) on commit drop`,
        sql`insert into round_trip_order values (1), (2)`,
        sql`select count(*)::int as value from round_trip_order`,
      ]),
    );
    expect(firstValue(results[2]!)).toBe(2);
  });

  it('fails with the failing statement, rolls back the ones before it, and fails the ones after it', async () => {
    const db = server.handle.db;
    await db.execute(sql`create table if not exists round_trip_rows (n int)`);
    expect(
      await failureOf(
        db.transaction((tx) =>
          inOneRoundTrip(tx, [
            sql`insert into round_trip_rows values (1)`,
            sql`select 1 / 0`,
            sql`insert into round_trip_rows values (2)`,
          ]),
        ),
      ),
    ).toMatch(/division by zero/);
    const rows = (await db.execute(sql`select count(*)::int as value from round_trip_rows`)) as never;
    expect(firstValue(rows)).toBe(0);
    await db.execute(sql`drop table round_trip_rows`);
  });

  it('runs a statement held for the commit inside the transaction, and a failing one fails the commit and rolls back', async () => {
    const db = server.handle.db;
    await db.execute(sql`create table if not exists round_trip_held (n int not null)`);
    const insert = compileStatement<'n'>((value) => sql`insert into round_trip_held values (${value('n')})`);
    const count = async () =>
      firstValue((await db.execute(sql`select count(*)::int as value from round_trip_held`)) as never);

    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into round_trip_held values (1)`);
      await runAtCommit(tx, insert({ n: 2 }));
    });
    expect(await count()).toBe(2);

    // A transaction that ran nothing else still runs (and commits) what it held.
    await db.transaction((tx) => runAtCommit(tx, insert({ n: 3 })));
    expect(await count()).toBe(3);

    expect(
      await failureOf(
        db.transaction(async (tx) => {
          await tx.execute(sql`insert into round_trip_held values (4)`);
          await runAtCommit(tx, insert({ n: null }));
        }),
      ),
    ).toMatch(/null value/);
    expect(await count()).toBe(3);
    await db.execute(sql`drop table round_trip_held`);
  });
});
