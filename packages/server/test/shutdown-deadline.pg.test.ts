import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { useTestServer } from './harness.js';
import { spawnServer } from './spawn-server.js';

const databaseUrl = inject('postgresUrl')!;
const test = useTestServer();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGTERM with a request stuck on the database (hk-server serve in its own process)', () => {
  it('exits without waiting for the stuck query, which commits nothing: its client got no answer', {
    timeout: 60_000,
  }, async () => {
    const org = await test.newOrg();
    const email = `${randomUUID()}@stuck.example`;
    // Hold the advisory lock a new lead of this email takes (its dedup lock), so the request waits.
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock(hashtextextended($1, 0))', [
        `${org.organization_id}:email:${email}`,
      ]);
      const server = await spawnServer(databaseUrl, { LOG_LEVEL: 'warn', HK_SHUTDOWN_TIMEOUT_MS: '500' });
      const answer = fetch(`${server.baseUrl}/v1/leads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org.secret_key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ contact: { email } }),
      }).then(
        (response) => response.status,
        (error: Error) => error.name,
      );
      // A bigint advisory key shows in pg_locks as its high and low 32 bits.
      const waiting = async () =>
        (
          await holder.query(
            `select count(*)::int as n from pg_locks, (select hashtextextended($1, 0) as h) as key
             where locktype = 'advisory' and not granted and objsubid = 1
               and classid::bigint = (h >> 32) & 4294967295 and objid::bigint = h & 4294967295`,
            [`${org.organization_id}:email:${email}`],
          )
        ).rows[0].n as number;
      while ((await waiting()) === 0) await sleep(20);

      await server.stop();
      // The process is gone while the lock is still held: it did not wait for the query.
      expect(await answer).toBe('TypeError');
      await holder.query('select pg_advisory_unlock_all()');
      await sleep(500);
      const list = await org.call('GET', `/v1/leads?q=${encodeURIComponent(email)}`);
      expect(list.body.data.items).toEqual([]);
    } finally {
      await holder.end();
    }
  });
});
