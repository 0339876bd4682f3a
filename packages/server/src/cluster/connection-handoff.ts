import cluster, { type Worker } from 'node:cluster';
import { createServer, type Socket } from 'node:net';
import type { ConnectionFeed } from '../server.js';
import { DRAIN_LISTEN_MAX_MS, quietMoment } from '../server-drain.js';

/**
 * The port of `serve --workers N`: the primary listens and accepts, and hands each connection to
 * the next ready worker, in turn. node:cluster's own round robin does the same, but its listener
 * closes when the last worker leaves it, resetting what it has accepted and not yet handed over;
 * with the listener here, the primary closes it the way a lone `serve` does (server-drain.ts: at a
 * moment no connection is arriving), and only then tells the workers that none more will come.
 */
const READY = 'hk:ready'; // worker → primary: serving
const CONNECTION = 'hk:connection'; // primary → worker, with the socket
const STOP = 'hk:connections:stop'; // worker → primary: it drains, send it no more
const STOPPED = 'hk:connections:stopped'; // primary → worker: none more will come

interface Message {
  type?: string;
}

export interface SharedListener {
  port: number;
  /** Closes the listener at a quiet moment, then tells every draining worker that none more will come. */
  close(limits: { quietMs: number; maxMs: number }): Promise<void>;
}

/**
 * In the primary: listens on `port` and hands connections to `ready()` workers; calls `onReady`
 * when a worker says it serves. Rejects when the port cannot be had (EADDRINUSE).
 */
export async function shareListener(options: {
  port: number;
  host: string;
  ready: () => Worker[];
  onReady: (worker: Worker) => void;
}): Promise<SharedListener> {
  const waiting: Socket[] = [];
  const drainingWorkers = new Set<number>();
  let closing = false;
  let closed = false;
  let turn = 0;
  let lastConnectionAt = 0;

  const hand = (socket: Socket) => {
    // A draining worker takes no new connection while others do; once all drain, they all do.
    const candidates = options
      .ready()
      .filter((worker) => worker.isConnected() && (closing || !drainingWorkers.has(worker.id)));
    const worker = candidates[turn++ % Math.max(1, candidates.length)];
    if (!worker) {
      waiting.push(socket);
      return;
    }
    worker.send({ type: CONNECTION }, socket, (error) => {
      if (error) hand(socket);
    });
  };
  const handWaiting = () => {
    for (const socket of waiting.splice(0)) hand(socket);
  };

  // Paused: no byte is read here, so the worker's HTTP parser gets the request whole.
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    lastConnectionAt = performance.now();
    hand(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  cluster.on('message', (worker, message: Message) => {
    if (message?.type === READY) {
      options.onReady(worker);
      handWaiting();
    } else if (message?.type === STOP) {
      drainingWorkers.add(worker.id);
      if (closed || !closing) worker.send({ type: STOPPED });
    }
  });
  cluster.on('exit', (worker) => drainingWorkers.delete(worker.id));

  return {
    port: (server.address() as { port: number }).port,
    close: async (limits) => {
      closing = true;
      const tracker = {
        get lastConnectionAt() {
          return lastConnectionAt;
        },
      };
      await quietMoment(tracker, limits);
      server.close();
      closed = true;
      // Each worker's channel delivers this after every connection sent to it before.
      for (const worker of options.ready()) {
        if (drainingWorkers.has(worker.id) && worker.isConnected()) worker.send({ type: STOPPED });
      }
    },
  };
}

/** In a worker: the connections the primary hands over, for `startServer({ connections })`. */
export function connectionsFromPrimary(port: number): ConnectionFeed {
  let noneMore = () => {};
  const stopped = new Promise<void>((resolve) => {
    noneMore = resolve;
  });
  return {
    port,
    onConnection(accept) {
      process.on('message', (message: Message, socket?: Socket) => {
        if (message?.type === CONNECTION && socket) accept(socket);
        else if (message?.type === STOPPED) noneMore();
      });
    },
    stop() {
      process.send?.({ type: STOP });
      // Should the primary never answer, the drain still ends.
      const giveUp = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_LISTEN_MAX_MS + 1_000).unref());
      return Promise.race([stopped, giveUp]);
    },
  };
}

/** In a worker: tells the primary it serves, so it gets connections. */
export const reportReady = () => process.send?.({ type: READY });
