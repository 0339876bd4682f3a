import { type SQL, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestOrg, useTestServer } from './harness.js';

/**
 * A retry that comes while the first request with its `Idempotency-Key` is still running answers
 * 409 at once (DESIGN.md), on a route of each `KeyCheck`. PostgreSQL only: one PGlite connection
 * runs one transaction at a time, so a second request there never overlaps the first.
 */
const server = useTestServer();
/** The test database, read when a test runs (`useTestServer` opens it before each file). */
const execute = (query: SQL) => server.deps.db.execute(query);

/** Makes every insert into `table` by `organizationId` sleep inside its transaction, until dropped. */
async function slowInserts(table: 'investors' | 'leads', organizationId: string) {
  await execute(
    sql.raw(`create or replace function hk_test_slow_insert() returns trigger language plpgsql as $$
      begin if new.organization_id = '${organizationId}' then perform pg_sleep(1.5); end if; return new; end $$`),
  );
  await execute(
    sql.raw(
      `create trigger hk_test_slow_insert before insert on ${table} for each row execute function hk_test_slow_insert()`,
    ),
  );
  return () => execute(sql.raw(`drop trigger hk_test_slow_insert on ${table}`));
}
let dropTrigger: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await dropTrigger?.();
  dropTrigger = undefined;
});

/** Resolves once some statement of this database sleeps in the trigger (the first request is mid-transaction). */
async function untilSleeping() {
  for (;;) {
    const { rows } = (await execute(
      sql`select count(*)::int as n from pg_stat_activity where wait_event = 'PgSleep' and datname = current_database()`,
    )) as unknown as { rows: { n: number }[] };
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const routes = [
  { check: 'before', table: 'investors', path: '/v1/investors', body: { name: 'Slow Buyer' } },
  { check: 'at-commit', table: 'leads', path: '/v1/leads', body: { contact: { name: 'Slow Seller' } } },
] as const;

describe.each(routes)('a duplicate of a running request ($check, $path)', ({ table, path, body }) => {
  it('answers 409 idempotency_in_progress at once, and the first one’s answer once it has finished', async () => {
    const org: TestOrg = await server.newOrg();
    dropTrigger = await slowInserts(table, org.organization_id);
    const headers = { 'idempotency-key': 'in-flight' };
    let firstDone = false;
    const first = org.call('POST', path, body, headers).finally(() => {
      firstDone = true;
    });
    await untilSleeping();

    const duplicate = await org.call('POST', path, body, headers);
    expect(firstDone).toBe(false);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('idempotency_in_progress');
    expect(duplicate.headers.get('retry-after')).toBe('1');

    const answered = await first;
    expect(answered.status).toBe(201);
    const retried = await org.call('POST', path, body, headers);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.data).toEqual(answered.body.data);
    expect((await org.call('GET', path)).body.data.items).toHaveLength(1);
  });

  it('holds the key only in its own organisation', async () => {
    const org = await server.newOrg();
    const other = await server.newOrg();
    dropTrigger = await slowInserts(table, org.organization_id);
    const headers = { 'idempotency-key': 'shared-name' };
    const first = org.call('POST', path, body, headers);
    await untilSleeping();
    const elsewhere = await other.call('POST', path, body, headers);
    expect(elsewhere.status).toBe(201);
    expect((await first).status).toBe(201);
  });
});
