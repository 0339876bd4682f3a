import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { useTestServer } from './harness.js';
import { postLeadOn } from './post-lead.js';
import { spawnServer } from './spawn-server.js';

const databaseUrl = inject('postgresUrl')!;
const test = useTestServer();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POST /v1/leads with fetch on a connection of its own (`Connection: close`). */
async function fetchLead(baseUrl: string, key: string) {
  const response = await fetch(`${baseUrl}/v1/leads`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
      connection: 'close',
    },
    body: JSON.stringify({ contact: { email: `${randomUUID()}@drain.example` } }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The network error behind a failed fetch: ECONNREFUSED means the request never started. */
const fetchErrorCode = (error: unknown) =>
  ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? String(error);

describe('SIGTERM under load (hk-server serve in its own process)', () => {
  it('answers every request of 20 keep-alive writers across the drain, three times over: none is reset', async () => {
    const org = await test.newOrg();
    const resets: string[] = [];
    let answered = 0;
    for (let round = 0; round < 3; round++) {
      const server = await spawnServer(databaseUrl, {
        LOG_LEVEL: 'warn',
        RATE_LIMIT_SECRET_PER_KEY: '1000000',
      });
      const writersAnswered = new Set<number>();
      // One socket per writer, reused request after request: the drain meets each connection busy or
      // between two requests, never a connection still being opened (the kernel resets those when
      // the listener closes, whatever the app does; see test:faults).
      const writer = async (index: number) => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        try {
          for (;;) {
            await postLeadOn(agent, server.baseUrl, org.secret_key, { 'idempotency-key': randomUUID() });
            answered++;
            writersAnswered.add(index);
          }
        } catch (error) {
          // After the listener closes, a new connection is refused: that request never started.
          if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') resets.push(String(error));
        } finally {
          agent.destroy();
        }
      };
      const writers = Array.from({ length: 20 }, (_, index) => writer(index));
      while (writersAnswered.size < 20) await sleep(20);
      await sleep(200);
      await server.stop();
      await Promise.all(writers);
    }
    expect(resets).toEqual([]);
    expect(answered).toBeGreaterThan(60);
  });

  it('answers every request of fetch clients still opening new connections when SIGTERM comes: none is reset', {
    timeout: 90_000,
  }, async () => {
    // A load balancer goes on sending new connections for a while after an instance is told to
    // stop. Closing the listener at once resets every connection the kernel has queued but the
    // server not yet accepted; a drain that waits for the connections to stop loses none of them.
    const org = await test.newOrg();
    const resets: string[] = [];
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    for (let round = 0; round < 3; round++) {
      const server = await spawnServer(databaseUrl, {
        LOG_LEVEL: 'warn',
        RATE_LIMIT_SECRET_PER_KEY: '1000000',
      });
      let newcomersUntil = Number.POSITIVE_INFINITY;
      // Newcomers open a connection per request (fetch, `Connection: close`) until 300 ms after the
      // signal. Beside them, keep-alive writers each hold one connection of their own: in fetch's
      // shared pool they would open sockets whenever a newcomer's closed one, at any moment of the
      // drain, and a connection opened at the instant the listener closes is reset by the kernel
      // whatever the server does.
      const newcomer = async () => {
        try {
          while (performance.now() < newcomersUntil) count(await fetchLead(server.baseUrl, org.secret_key));
        } catch (error) {
          const code = fetchErrorCode(error);
          if (code !== 'ECONNREFUSED') resets.push(code);
        }
      };
      const keepAliveWriter = async () => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        try {
          for (;;)
            count(
              await postLeadOn(agent, server.baseUrl, org.secret_key, { 'idempotency-key': randomUUID() }),
            );
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? String(error);
          if (code !== 'ECONNREFUSED') resets.push(code);
        } finally {
          agent.destroy();
        }
      };
      const writers = [
        ...Array.from({ length: 10 }, () => keepAliveWriter()),
        ...Array.from({ length: 20 }, () => newcomer()),
      ];
      await sleep(1000);
      const stopped = server.stop();
      newcomersUntil = performance.now() + 300;
      await stopped;
      await Promise.all(writers);
    }
    expect(resets).toEqual([]);
    // Every answer is the lead: the drain refuses nothing it accepted.
    expect([...statuses.keys()]).toEqual([201]);
    expect(statuses.get(201)).toBeGreaterThan(60);
  });
});
