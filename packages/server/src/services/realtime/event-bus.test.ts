import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { writeEvent as writeRecordedEvent } from '../../../test/record-event.js';
import { recordEvent } from '../events.js';
import { createEventBus } from './event-bus.js';

const server = useTestServer();

/** Counts wake-ups and lets a test await the next one. */
function wakeCounter() {
  let count = 0;
  const waiters: (() => void)[] = [];
  return {
    wake: () => {
      count++;
      for (const resolve of waiters.splice(0)) resolve();
    },
    get count() {
      return count;
    },
    next: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
      }),
  };
}

const writeEvent = (organizationId: string) => writeRecordedEvent(server.deps.db, organizationId);

describe('event bus', () => {
  it('wakes the subscribers of the organisation whose event committed, and only them', async () => {
    const bus = createEventBus(server.deps.db);
    const [a, b] = [await server.newOrg(), await server.newOrg()];
    const onA = wakeCounter();
    const onB = wakeCounter();
    const stopA = await bus.subscribe(a.organization_id, onA.wake);
    const stopB = await bus.subscribe(b.organization_id, onB.wake);

    const wokeA = onA.next();
    await writeEvent(a.organization_id);
    await wokeA;
    const wokeB = onB.next();
    await writeEvent(b.organization_id);
    await wokeB;
    expect([onA.count, onB.count]).toEqual([1, 1]);

    stopA();
    const wokeBAgain = onB.next();
    await writeEvent(a.organization_id);
    await writeEvent(b.organization_id);
    await wokeBAgain;
    expect([onA.count, onB.count]).toEqual([1, 2]);
    stopB();
    await bus.close();
  });

  it('does not wake on a rolled-back write', async () => {
    const bus = createEventBus(server.deps.db);
    const org = await server.newOrg();
    const counter = wakeCounter();
    const stop = await bus.subscribe(org.organization_id, counter.wake);
    await expect(
      server.deps.db.transaction(async (tx) => {
        await recordEvent(tx, {
          organizationId: org.organization_id,
          type: 'lead.updated',
          resourceId: crypto.randomUUID(),
          data: {},
          createdAt: new Date(),
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const woke = counter.next();
    await writeEvent(org.organization_id);
    await woke;
    expect(counter.count).toBe(1);
    stop();
    await bus.close();
  });
});
