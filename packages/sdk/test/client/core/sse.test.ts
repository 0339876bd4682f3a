import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, HiddenKey, InternalServerError } from '../../../src/client/index.js';
import type { HkEventRecord } from '../../../src/schemas/index.js';

type HkEventLike = Omit<HkEventRecord, 'type'> & { type: string };

import { failure, sendJson, startLocalServer } from '../support/local-server.js';

let server: Awaited<ReturnType<typeof startLocalServer>> | undefined;
afterEach(() => server?.close());

const event = (id: number, type = 'lead.created'): HkEventLike => ({
  id: String(id),
  type,
  resource_id: crypto.randomUUID(),
  data: { n: id },
  created_at: new Date().toISOString(),
});

function openStream(response: ServerResponse, events: HkEventLike[], end: boolean) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.write('retry: 10\n\n: keep-alive\n\nevent: ready\ndata: {}\n\n');
  for (const item of events)
    response.write(`id: ${item.id}\nevent: ${item.type}\ndata: ${JSON.stringify(item)}\n\n`);
  if (end) response.end();
}

/** Waits until `check` passes or the test times out. */
async function eventually(check: () => boolean) {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('events.subscribe', () => {
  it('delivers events in order and resumes after a dropped connection with Last-Event-ID', async () => {
    server = await startLocalServer((attempt, _request, response) => {
      if (attempt === 0)
        return openStream(response, [event(1), event(2, 'activity.created'), event(3)], true);
      openStream(response, [event(4)], false);
    });
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url });
    const seen: string[] = [];
    let opened = 0;
    const subscription = hk.events.subscribe((item) => void seen.push(`${item.id}:${item.type}`), {
      types: ['lead.created'],
      onOpen: () => opened++,
    });
    await eventually(() => seen.length === 3);
    subscription.close();
    await subscription.done;

    expect(seen).toEqual(['1:lead.created', '3:lead.created', '4:lead.created']);
    expect(opened).toBe(2);
    expect(subscription.lastEventId).toBe('4');
    const [first, second] = server.requests;
    expect(first?.url).toBe('/v1/events?types=lead.created');
    expect(first?.headers.accept).toBe('text/event-stream');
    expect(first?.headers['last-event-id']).toBeUndefined();
    expect(second?.headers['last-event-id']).toBe('3');
  });

  it('starts after a given event id and reconnects after a server error', async () => {
    server = await startLocalServer((attempt, _request, response) =>
      attempt === 0
        ? sendJson(response, 503, failure(503, 'service_unavailable'))
        : openStream(response, [event(8)], false),
    );
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url });
    const errors: unknown[] = [];
    const seen: string[] = [];
    const subscription = hk.events.subscribe((item) => void seen.push(item.id), {
      lastEventId: '7',
      reconnectDelay: 5,
      onError: (error) => errors.push(error),
    });
    await eventually(() => seen.length === 1);
    subscription.close();
    await subscription.done;
    expect(errors[0]).toBeInstanceOf(InternalServerError);
    expect(server.requests.map((request) => request.headers['last-event-id'])).toEqual(['7', '7']);
  });

  it('stops for good on an answer another attempt cannot fix', async () => {
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 401, failure(401, 'unauthorized')),
    );
    const hk = new HiddenKey({ apiKey: 'sk_bad', baseUrl: server.url });
    const errors: unknown[] = [];
    const subscription = hk.events.subscribe(() => undefined, { onError: (error) => errors.push(error) });
    await subscription.done;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(AuthenticationError);
    expect(server.requests).toHaveLength(1);
  });

  it('delivers again an event whose handler threw, and does not move lastEventId past it', async () => {
    const all = [event(1), event(2), event(3)];
    server = await startLocalServer((_attempt, request, response) => {
      const after = Number(request.headers['last-event-id'] ?? 0);
      openStream(
        response,
        all.filter((item) => Number(item.id) > after),
        false,
      );
    });
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url });
    const errors: unknown[] = [];
    const seen: string[] = [];
    const idsWhenFailing: (string | undefined)[] = [];
    const subscription = hk.events.subscribe(
      (item) => {
        seen.push(item.id);
        if (item.id === '2' && errors.length === 0) {
          idsWhenFailing.push(subscription.lastEventId);
          throw new Error('handler broke');
        }
      },
      { reconnectDelay: 5, onError: (error) => errors.push(error) },
    );
    await eventually(() => seen.length === 4);
    subscription.close();
    await subscription.done;
    expect(errors).toEqual([new Error('handler broke')]);
    expect(seen).toEqual(['1', '2', '2', '3']);
    expect(idsWhenFailing).toEqual(['1']);
    expect(server.requests.map((request) => request.headers['last-event-id'])).toEqual([undefined, '1']);
    expect(subscription.lastEventId).toBe('3');
  });

  it('closes through an AbortSignal', async () => {
    server = await startLocalServer((_attempt, _request, response) => openStream(response, [], false));
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url });
    const controller = new AbortController();
    let opened = false;
    const subscription = hk.events.subscribe(() => undefined, {
      signal: controller.signal,
      onOpen: () => {
        opened = true;
      },
    });
    await eventually(() => opened);
    controller.abort();
    await subscription.done;
    expect(server.requests).toHaveLength(1);
  });
});
