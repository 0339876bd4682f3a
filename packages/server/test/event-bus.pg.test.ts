import { describe, expect, it } from 'vitest';
import { createEventBus } from '../src/services/realtime/event-bus.js';
import { useTestServer } from './harness.js';
import { writeEvent as writeRecordedEvent } from './record-event.js';

const server = useTestServer();

function pool() {
  const { client } = server.handle;
  if (client.kind !== 'postgres') throw new Error('This file runs on PostgreSQL only');
  return client.pool;
}

/** The LISTEN connections on the test database (each bus holds its own). */
async function listenerPids(): Promise<number[]> {
  const { rows } = await pool().query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and query = 'listen hk_events'`,
  );
  return rows.map((row) => row.pid);
}

const until = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const writeEvent = (organizationId: string) => writeRecordedEvent(server.deps.db, organizationId);

describe('event bus on PostgreSQL', () => {
  it('holds one LISTEN connection while subscribed, reconnects when it is killed, and lets it go when idle', async () => {
    const before = new Set(await listenerPids());
    const bus = createEventBus(server.deps.db);
    const org = await server.newOrg();
    let wakes = 0;
    let onWake: (() => void) | null = null;
    const stop = await bus.subscribe(org.organization_id, () => {
      wakes++;
      onWake?.();
    });
    const nextWake = () =>
      new Promise<void>((resolve) => {
        onWake = resolve;
      });
    const mine = (await listenerPids()).filter((pid) => !before.has(pid));
    expect(mine).toHaveLength(1);

    // Kill the listener's backend: the bus reconnects and wakes its streams to catch up.
    const woken = nextWake();
    await pool().query('select pg_terminate_backend($1)', [mine[0]]);
    await woken;
    const afterReconnect = (await listenerPids()).filter((pid) => !before.has(pid));
    expect(afterReconnect).toHaveLength(1);
    expect(afterReconnect[0]).not.toBe(mine[0]);

    const byEvent = nextWake();
    const wakesBefore = wakes;
    await writeEvent(org.organization_id);
    await byEvent;
    expect(wakes).toBe(wakesBefore + 1);

    stop();
    await until(async () => (await listenerPids()).every((pid) => before.has(pid)));
    await bus.close();
  });
});
