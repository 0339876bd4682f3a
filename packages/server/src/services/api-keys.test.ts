import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/harness.js';
import type { Executor } from '../db/database.js';
import { apiKeys } from '../db/schema.js';
import { asSystem } from '../db/tenant.js';
import { findKeyByHash, sha256Hex, touchKey } from './api-keys.js';

const server = useTestServer();

/** The app's database, counting the transactions opened through it (touchKey opens one per write). */
function countingDatabase(fail = false) {
  const counter = { transactions: 0 };
  const db = {
    transaction: (work: Parameters<Executor['transaction']>[0]) => {
      counter.transactions++;
      if (fail) return Promise.reject(new Error('database unavailable'));
      return server.handle.db.transaction(work);
    },
  } as unknown as Executor;
  return { db, counter };
}

const lastUsedAt = async (id: string) => {
  const [row] = await asSystem(server.handle.db, (tx) =>
    tx.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, id)),
  );
  return row?.at ?? null;
};

describe('touchKey', () => {
  it('writes last_used_at once for the requests in flight together, then not again within the minute', async () => {
    const org = await server.newOrg();
    const key = (await findKeyByHash(server.handle.db, sha256Hex(org.secret_key)))!;
    const now = new Date('2026-12-02T10:00:00.000Z');
    const { db, counter } = countingDatabase();
    await Promise.all(Array.from({ length: 16 }, () => touchKey(db, key, now)));
    expect(counter.transactions).toBe(1);
    expect((await lastUsedAt(key.id))?.toISOString()).toBe(now.toISOString());

    await touchKey(db, key, new Date(now.getTime() + 59_000));
    expect(counter.transactions).toBe(1);
    const later = new Date(now.getTime() + 61_000);
    await touchKey(db, key, later);
    expect(counter.transactions).toBe(2);
    expect((await lastUsedAt(key.id))?.toISOString()).toBe(later.toISOString());
  });

  it('forgets a touch whose write failed, so the next request writes it', async () => {
    const org = await server.newOrg();
    const key = (await findKeyByHash(server.handle.db, sha256Hex(org.secret_key)))!;
    const now = new Date('2026-12-02T11:00:00.000Z');
    await expect(touchKey(countingDatabase(true).db, key, now)).rejects.toThrow('database unavailable');
    expect(key.lastUsedAt).toBeNull();
    const { db, counter } = countingDatabase();
    await touchKey(db, key, now);
    expect(counter.transactions).toBe(1);
    expect((await lastUsedAt(key.id))?.toISOString()).toBe(now.toISOString());
  });
});
