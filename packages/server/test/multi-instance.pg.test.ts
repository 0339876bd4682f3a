import { HkEvent } from '@hidden-key/sdk/schemas';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { defaultDeps } from '../src/deps.js';
import { createOrganization } from '../src/services/organizations.js';
import { type Listening, listen } from './listen.js';
import { type ServerProcess, spawnServer } from './spawn-server.js';
import { openSse, type SseStream } from './sse-client.js';

const databaseUrl = inject('postgresUrl')!;

const streams: SseStream[] = [];
afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
});

const createLead = (baseUrl: string, key: string, email: string) =>
  fetch(`${baseUrl}/v1/leads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ contact: { email } }),
  }).then(async (res) => ({
    status: res.status,
    id: ((await res.json()) as { data: { id: string } }).data.id,
  }));

const eventsOf = (stream: SseStream) =>
  stream.messages.map((message) => HkEvent.parse(JSON.parse(message.data)));

describe('two app instances, each with its own pool and event bus, on one PostgreSQL database', () => {
  const handles: DatabaseHandle[] = [];
  const servers: Listening[] = [];
  let apps: App[];

  beforeAll(async () => {
    handles.push(
      await openDatabase({ databaseUrl, maxConnections: 4 }),
      await openDatabase({ databaseUrl, maxConnections: 4 }),
    );
    apps = handles.map((handle) => createApp(defaultDeps(handle.db)));
    for (const app of apps) servers.push(await listen(app));
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const handle of handles) await handle.close();
  });

  it('delivers a write made through one instance to the SSE clients of both', async () => {
    const org = await createOrganization(defaultDeps(handles[0]!.db), { name: 'Two instances' });
    const [one, two] = servers as [Listening, Listening];
    const onTwo = await openSse(`${two.baseUrl}/v1/events`, { authorization: `Bearer ${org.secret_key}` });
    const onOne = await openSse(`${one.baseUrl}/v1/events`, { authorization: `Bearer ${org.secret_key}` });
    streams.push(onOne, onTwo);
    await Promise.all([onOne.waitForComments(1), onTwo.waitForComments(1)]);

    const written = [];
    for (let i = 0; i < 5; i++)
      written.push(
        (await createLead(i % 2 ? two.baseUrl : one.baseUrl, org.secret_key, `m${i}@example.com`)).id,
      );
    await Promise.all([onOne.waitForMessages(5), onTwo.waitForMessages(5)]);
    expect(eventsOf(onTwo).map((event) => event.resource_id)).toEqual(written);
    expect(eventsOf(onOne).map((event) => event.resource_id)).toEqual(written);
  });
});

describe('two server processes on one PostgreSQL database', () => {
  let processes: ServerProcess[] = [];
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openDatabase({ databaseUrl, maxConnections: 2 });
    processes = await Promise.all([spawnServer(databaseUrl), spawnServer(databaseUrl)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(processes.map((server) => server.stop()));
    await handle?.close();
  });

  it('runs two OS processes, and a write on one reaches the SSE client of the other, resumably', async () => {
    const [writer, reader] = processes as [ServerProcess, ServerProcess];
    expect(writer.pid).not.toBe(reader.pid);
    const org = await createOrganization(defaultDeps(handle.db), { name: 'Two processes' });
    const headers = { authorization: `Bearer ${org.secret_key}` };
    const first = await openSse(`${reader.baseUrl}/v1/events`, headers);
    streams.push(first);
    await first.waitForComments(1);

    const written: string[] = [];
    for (let i = 0; i < 6; i++)
      written.push((await createLead(writer.baseUrl, org.secret_key, `p${i}@example.com`)).id);
    await first.waitForMessages(3);
    first.close();
    const seen = eventsOf(first);

    // Resume on the writer process this time: the id is the same everywhere, it names a table row.
    const resumed = await openSse(`${writer.baseUrl}/v1/events`, {
      ...headers,
      'last-event-id': seen.at(-1)!.id,
    });
    streams.push(resumed);
    await resumed.waitForMessages(written.length - seen.length);
    expect([...seen, ...eventsOf(resumed)].map((event) => event.resource_id)).toEqual(written);
  });
});
