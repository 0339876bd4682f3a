import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test/harness.js';
import { startServer } from './server.js';
import { DRAIN_IDLE_GRACE_MS } from './server-drain.js';

const test = useTestServer();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One keep-alive HTTP/1.1 connection driven by hand, so a test chooses when each request goes. */
async function keepAliveConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  let ended = false;
  let failure: Error | null = null;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  socket.on('end', () => {
    ended = true;
  });
  socket.on('error', (error) => {
    failure = error;
  });
  return {
    /** Sends `GET path` and resolves with the status line and headers of its answer. */
    async get(path: string) {
      const from = received.length;
      socket.write(`GET ${path} HTTP/1.1\r\nhost: localhost\r\n\r\n`);
      for (;;) {
        const answer = received.slice(from);
        const headEnd = answer.indexOf('\r\n\r\n');
        const length = Number(/content-length: (\d+)/i.exec(answer)?.[1] ?? Number.NaN);
        if (headEnd >= 0 && answer.length >= headEnd + 4 + length)
          return answer.slice(0, headEnd).toLowerCase();
        if (failure || ended)
          throw failure ?? new Error(`The server closed the connection without answering ${path}`);
        await sleep(5);
      }
    },
    get ended() {
      return ended || socket.destroyed;
    },
    destroy: () => socket.destroy(),
  };
}

describe('startServer: drain on close', () => {
  it('answers a request sent on a keep-alive connection that was idle when the drain began, then closes it', async () => {
    // No quiet period: the listener closes at once, so the answer 100 ms later says `Connection: close`.
    const server = await startServer({
      handle: test.handle,
      port: 0,
      hostname: '127.0.0.1',
      drainQuietMs: 0,
    });
    const connection = await keepAliveConnection(server.port);
    try {
      expect(await connection.get('/healthz')).toMatch(/^http\/1\.1 200/);
      const closed = server.close();
      // The client sends its next request on the connection it already holds, as keep-alive clients do.
      await sleep(100);
      const head = await connection.get('/healthz');
      expect(head).toMatch(/^http\/1\.1 200/);
      expect(head).toContain('connection: close');
      const started = performance.now();
      await closed;
      expect(performance.now() - started).toBeLessThan(DRAIN_IDLE_GRACE_MS + 2_000);
      await sleep(20);
      expect(connection.ended).toBe(true);
    } finally {
      connection.destroy();
    }
  });

  it('closes a keep-alive connection that stays idle once the grace has passed', async () => {
    const server = await startServer({ handle: test.handle, port: 0, hostname: '127.0.0.1' });
    const connection = await keepAliveConnection(server.port);
    try {
      await connection.get('/healthz');
      const started = performance.now();
      await server.close();
      // Not at once (the grace, counted from the answer, which the client read a moment later), yet soon.
      expect(performance.now() - started).toBeGreaterThanOrEqual(DRAIN_IDLE_GRACE_MS / 2);
      expect(performance.now() - started).toBeLessThan(DRAIN_IDLE_GRACE_MS + 2_000);
    } finally {
      connection.destroy();
    }
  });

  it('says /readyz 503 and takes new connections while they keep arriving, then closes the listener', async () => {
    const server = await startServer({
      handle: test.handle,
      port: 0,
      hostname: '127.0.0.1',
      drainQuietMs: 500,
    });
    const connections = [await keepAliveConnection(server.port)];
    try {
      expect(await connections[0]!.get('/readyz')).toMatch(/^http\/1\.1 200/);
      const closed = server.close();
      // A load balancer that has not yet seen the 503 sends new connections for a while: each is
      // accepted and answered (closing the listener would have the kernel reset the queued ones),
      // on a connection kept alive, since a `Connection: close` would only bring another.
      for (let i = 0; i < 5; i++) {
        const connection = await keepAliveConnection(server.port);
        connections.push(connection);
        const head = await connection.get('/readyz');
        expect(head).toMatch(/^http\/1\.1 503/);
        expect(head).not.toContain('connection: close');
        await sleep(100);
      }
      await closed;
      await expect(keepAliveConnection(server.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      for (const connection of connections) connection.destroy();
    }
  });
});
