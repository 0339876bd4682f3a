import { HkEvent } from '@hidden-key/sdk/schemas';
import type { EventSourceMessage } from 'eventsource-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { listen, listenForFile } from '../../../test/listen.js';
import { openSse, type SseStream } from '../../../test/sse-client.js';
import { createApp } from '../../app.js';

const server = useTestServer();
const baseUrl = listenForFile(() => server.app);

const streams: SseStream[] = [];
afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
});

async function stream(key: string, query = '', headers: Record<string, string> = {}) {
  const opened = await openSse(`${await baseUrl()}/v1/events${query}`, {
    authorization: `Bearer ${key}`,
    ...headers,
  });
  streams.push(opened);
  return opened;
}

const events = (messages: EventSourceMessage[]) =>
  messages.map((message) => {
    const event = HkEvent.parse(JSON.parse(message.data));
    expect(message.id).toBe(event.id);
    expect(message.event).toBe(event.type);
    return event;
  });

/** The stream is live once its first comment arrived: LISTEN and the start position are in place. */
const ready = (sse: SseStream) => sse.waitForComments(1);

describe('GET /v1/events', () => {
  it('streams the changes written through the API, in order, as SSE with ids', async () => {
    const org = await server.newOrg();
    const sse = await stream(org.secret_key);
    expect(sse.status).toBe(200);
    await ready(sse);

    const created = await org.call('POST', '/v1/leads', { contact: { email: 'one@example.com' } });
    const id = created.body.data.id;
    await org.call('PATCH', `/v1/leads/${id}`, { status: 'contacted' });
    await org.call('DELETE', `/v1/leads/${id}`);

    const received = events(await sse.waitForMessages(3));
    expect(received.map((event) => event.type)).toEqual(['lead.created', 'lead.updated', 'lead.deleted']);
    expect(received.every((event) => event.resource_id === id)).toBe(true);
    expect(received[1]!.data).toMatchObject({ id, status: 'contacted' });
    expect(received[2]!.data).toEqual({ id });
    const ids = received.map((event) => Number(event.id));
    expect(new Set(ids).size).toBe(3);
  });

  it('starts from now: earlier events are not replayed', async () => {
    const org = await server.newOrg();
    await org.call('POST', '/v1/leads', { contact: { email: 'before@example.com' } });
    const sse = await stream(org.secret_key);
    await ready(sse);
    await org.call('POST', '/v1/leads', { contact: { email: 'after@example.com' } });
    const [event] = events(await sse.waitForMessages(1));
    expect(event!.data).toMatchObject({ contact: { email: 'after@example.com' } });
    // A later event proves nothing else was queued before it.
    await org.call('POST', '/v1/leads', { contact: { email: 'later@example.com' } });
    const all = events(await sse.waitForMessages(2));
    expect(all.map((e) => (e.data.contact as { email: string }).email)).toEqual([
      'after@example.com',
      'later@example.com',
    ]);
  });

  it('sends only the caller organisation’s events', async () => {
    const mine = await server.newOrg();
    const theirs = await server.newOrg();
    const sse = await stream(mine.secret_key);
    await ready(sse);
    await theirs.call('POST', '/v1/leads', { contact: { email: 'theirs@example.com' } });
    await mine.call('POST', '/v1/leads', { contact: { email: 'mine@example.com' } });
    await theirs.call('POST', '/v1/leads', { contact: { email: 'theirs2@example.com' } });
    await mine.call('POST', '/v1/leads', { contact: { email: 'mine2@example.com' } });
    const received = events(await sse.waitForMessages(2));
    expect(received.map((event) => event.data.organization_id)).toEqual([
      mine.organization_id,
      mine.organization_id,
    ]);
    expect(received.map((e) => (e.data.contact as { email: string }).email)).toEqual([
      'mine@example.com',
      'mine2@example.com',
    ]);
  });

  it('filters by `types`', async () => {
    const org = await server.newOrg();
    const sse = await stream(org.secret_key, '?types=lead.updated,lead.deleted');
    await ready(sse);
    const created = await org.call('POST', '/v1/leads', { contact: { email: 'typed@example.com' } });
    await org.call('PATCH', `/v1/leads/${created.body.data.id}`, { priority: 'high' });
    await org.call('POST', '/v1/leads', { contact: { email: 'typed2@example.com' } });
    await org.call('DELETE', `/v1/leads/${created.body.data.id}`);
    const received = events(await sse.waitForMessages(2));
    expect(received.map((event) => event.type)).toEqual(['lead.updated', 'lead.deleted']);
  });

  it('resumes after Last-Event-ID with no gap and no duplicate while writes continue', async () => {
    const org = await server.newOrg();
    const first = await stream(org.secret_key);
    await ready(first);
    const total = 24;
    const written: string[] = [];
    const writer = (async () => {
      for (let i = 0; i < total; i++) {
        const res = await org.call('POST', '/v1/leads', { contact: { email: `resume${i}@example.com` } });
        written.push(res.body.data.id);
      }
    })();

    const beforeDrop = events(await first.waitForMessages(5));
    first.close();
    const lastSeen = beforeDrop.at(-1)!.id;
    const resumed = await stream(org.secret_key, '', { 'last-event-id': lastSeen });
    await writer;
    const afterDrop = events(await resumed.waitForMessages(total - beforeDrop.length));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const delivered = [...beforeDrop, ...events(resumed.messages)];
    expect(delivered.map((event) => event.resource_id)).toEqual(written);
    expect(afterDrop.length + beforeDrop.length).toBe(total);
  });

  it('accepts the position as `last_event_id` for EventSource polyfills', async () => {
    const org = await server.newOrg();
    const one = await org.call('POST', '/v1/leads', { contact: { email: 'q1@example.com' } });
    const two = await org.call('POST', '/v1/leads', { contact: { email: 'q2@example.com' } });
    const sse = await stream(org.secret_key);
    await ready(sse);
    const three = await org.call('POST', '/v1/leads', { contact: { email: 'q3@example.com' } });
    const [third] = events(await sse.waitForMessages(1));
    expect(third!.resource_id).toBe(three.body.data.id);
    sse.close();

    // Resuming from the third event must replay nothing; resuming from an older one replays in order.
    const idOfThird = Number(third!.id);
    const replay = await stream(org.secret_key, `?last_event_id=${idOfThird}`);
    await ready(replay);
    const four = await org.call('POST', '/v1/leads', { contact: { email: 'q4@example.com' } });
    expect(events(await replay.waitForMessages(1))[0]!.resource_id).toBe(four.body.data.id);
    expect([one, two].every((res) => res.status === 201)).toBe(true);
  });

  it('refuses an unknown or malformed Last-Event-ID, and another organisation’s event id', async () => {
    const org = await server.newOrg();
    const other = await server.newOrg();
    const sse = await stream(other.secret_key);
    await ready(sse);
    await other.call('POST', '/v1/leads', { contact: { email: 'x@example.com' } });
    const [foreign] = events(await sse.waitForMessages(1));

    for (const lastEventId of ['abc', '0', '999999999999', foreign!.id]) {
      const res = await server.raw('/v1/events', {
        headers: { authorization: `Bearer ${org.secret_key}`, 'last-event-id': lastEventId },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_error');
    }
    // A well-formed id that is not there (expired, erased) says how to go on.
    const gone = await server.raw('/v1/events', {
      headers: { authorization: `Bearer ${org.secret_key}`, 'last-event-id': '999999999999' },
    });
    expect(gone.body.details['Last-Event-ID']).toEqual([
      expect.stringMatching(/reconnect without Last-Event-ID/),
    ]);
    const badType = await server.raw('/v1/events?types=lead.created,lead.exploded', {
      headers: { authorization: `Bearer ${org.secret_key}` },
    });
    expect(badType.status).toBe(400);
    const unknown = await server.raw('/v1/events?foo=1', {
      headers: { authorization: `Bearer ${org.secret_key}` },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual({ foo: ['Unknown field'] });
  });

  it('ends the open streams of a revoked key and of the sessions minted from it', async () => {
    const org = await server.newOrg();
    const key = await org.call('POST', '/v1/api-keys', { type: 'secret', name: 'streaming' });
    expect(key.status).toBe(201);
    const session = await server.raw('/v1/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${key.body.data.key}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(session.status).toBe(201);
    const byKey = await stream(key.body.data.key);
    const bySession = await stream(session.body.data.token);
    const untouched = await stream(org.secret_key);
    await Promise.all([ready(byKey), ready(bySession), ready(untouched)]);

    expect((await org.call('DELETE', `/v1/api-keys/${key.body.data.id}`)).status).toBe(200);
    const timeout = new Promise((resolve) => setTimeout(resolve, 6_000, 'still open'));
    expect(
      await Promise.race([Promise.all([byKey.ended, bySession.ended]).then(() => 'ended'), timeout]),
    ).toBe('ended');
    // A reconnect, which the stream's end asks for, is refused.
    expect(
      (await server.raw('/v1/events', { headers: { authorization: `Bearer ${key.body.data.key}` } })).status,
    ).toBe(401);
    await org.call('POST', '/v1/leads', { contact: { email: 'after-revoke@example.com' } });
    expect(events(await untouched.waitForMessages(1)).map((event) => event.type)).toEqual(['lead.created']);
  });

  it('needs a key and refuses publishable keys', async () => {
    const org = await server.newOrg();
    expect((await server.raw('/v1/events')).status).toBe(401);
    const res = await server.raw('/v1/events', {
      headers: { authorization: `Bearer ${org.publishable_key}` },
    });
    expect(res.status).toBe(403);
  });

  it('sends heartbeat comments while idle', async () => {
    const app = createApp({ ...server.deps, realtime: { heartbeatMs: 40 } });
    const listening = await listen(app);
    const org = await server.newOrg();
    const sse = await openSse(`${listening.baseUrl}/v1/events`, {
      authorization: `Bearer ${org.secret_key}`,
    });
    streams.push(sse);
    const comments = await sse.waitForComments(4);
    expect(comments[0]).toMatch(/connected/);
    expect(comments.slice(1).every((comment) => /heartbeat/.test(comment))).toBe(true);
    expect(sse.messages).toEqual([]);
    sse.close();
    await listening.close();
  });
});
