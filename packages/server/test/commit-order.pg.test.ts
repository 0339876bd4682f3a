import { HkEvent } from '@hidden-key/sdk/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { recordEvent } from '../src/services/events.js';
import { useTestServer } from './harness.js';
import { listenForFile } from './listen.js';
import { openSse, type SseStream } from './sse-client.js';

const server = useTestServer();
const baseUrl = listenForFile(() => server.app);
const streams: SseStream[] = [];
afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
});

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
};

const change = (organizationId: string, resourceId: string) => ({
  organizationId,
  type: 'lead.created' as const,
  resourceId,
  data: { id: resourceId },
  createdAt: new Date(),
});

describe('events committed out of id order (PostgreSQL: concurrent transactions)', () => {
  it('holds a later id back until the earlier transaction commits, then delivers both, resumably', async () => {
    const org = await server.newOrg();
    const sse = await openSse(`${await baseUrl()}/v1/events`, { authorization: `Bearer ${org.secret_key}` });
    streams.push(sse);
    await sse.waitForComments(1);

    // Transaction A takes the lower event id and stays open; B takes the next id and commits first.
    const aRecorded = gate();
    const aMayCommit = gate();
    let idA = 0;
    const transactionA = server.deps.db.transaction(async (tx) => {
      idA = await recordEvent(tx, change(org.organization_id, '11111111-1111-4111-8111-111111111111'));
      aRecorded.open();
      await aMayCommit.opened;
    });
    await aRecorded.opened;
    const idB = await server.deps.db.transaction((tx) =>
      recordEvent(tx, change(org.organization_id, '22222222-2222-4222-8222-222222222222')),
    );
    expect(idB).toBeGreaterThan(idA);

    // Give a naive "id > last id" reader time to deliver B, which would lose A for good.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sse.messages).toEqual([]);

    aMayCommit.open();
    await transactionA;
    const delivered = (await sse.waitForMessages(2)).map((message) =>
      HkEvent.parse(JSON.parse(message.data)),
    );
    expect(delivered.map((event) => Number(event.id))).toEqual([idA, idB]);

    const resumed = await openSse(`${await baseUrl()}/v1/events`, {
      authorization: `Bearer ${org.secret_key}`,
      'last-event-id': String(idA),
    });
    streams.push(resumed);
    expect((await resumed.waitForMessages(1)).map((message) => Number(message.id))).toEqual([idB]);
  });
});
