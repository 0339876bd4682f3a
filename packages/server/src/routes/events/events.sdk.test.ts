import { HiddenKey } from '@hidden-key/sdk';
import type { HkEvent } from '@hidden-key/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { listenForFile } from '../../../test/listen.js';

const server = useTestServer();
const baseUrl = listenForFile(() => server.app);

describe('the SDK’s hk.events.subscribe against GET /v1/events', () => {
  it('receives the events of writes made with the SDK, filtered by type', async () => {
    const org = await server.newOrg();
    const hk = new HiddenKey({ apiKey: org.secret_key, baseUrl: await baseUrl() });
    const received: HkEvent[] = [];
    let opened!: () => void;
    const open = new Promise<void>((resolve) => {
      opened = resolve;
    });
    let gotTwo!: () => void;
    const two = new Promise<void>((resolve) => {
      gotTwo = resolve;
    });
    const subscription = hk.events.subscribe(
      (event) => {
        received.push(event);
        if (received.length === 2) gotTwo();
      },
      { types: ['lead.created', 'lead.deleted'], onOpen: opened },
    );
    try {
      // The server answers only once it listens and holds its start position.
      await open;
      const lead = await hk.leads.create({ contact: { email: 'sdk@example.com' } });
      await hk.leads.update(lead.id, { status: 'contacted' });
      await hk.leads.delete(lead.id);
      await two;
      expect(received.map((event) => [event.type, event.resource_id])).toEqual([
        ['lead.created', lead.id],
        ['lead.deleted', lead.id],
      ]);
    } finally {
      // close() settles `done` at once, without waiting for the server's next message.
      subscription.close();
      await subscription.done;
    }
  });
});
