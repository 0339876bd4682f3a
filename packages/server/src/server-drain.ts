import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * While draining, a keep-alive connection without a request is closed once it has been idle this
 * long. A younger one may be carrying the client's next request right now: closing it would reset
 * that request, so it gets its answer (with `Connection: close`) instead.
 */
export const DRAIN_IDLE_GRACE_MS = 1_000;
/**
 * The listener closes once no new connection has arrived for this long. Closing it makes the
 * kernel reset every connection it has queued but the server not yet accepted (their requests are
 * lost whatever the app does), so it stays open while connections still come: a load balancer
 * that has not yet seen `/readyz` turn 503, a client pool growing.
 */
export const DRAIN_QUIET_MS = 500;
/** The listener closes after this long at the latest (or half the shutdown timeout, if shorter). */
export const DRAIN_LISTEN_MAX_MS = 5_000;

export interface ConnectionTracker {
  /** When each open connection last finished an answer (or opened); absent while it serves a request. */
  idleSince: Map<Socket, number>;
  /** When the last connection was accepted (`performance.now()`), 0 before the first. */
  readonly lastConnectionAt: number;
  /** Calls `done` once no connection is open (at once if none is). */
  whenNoneOpen(done: () => void): void;
}

export function trackConnections(server: Server): ConnectionTracker {
  const idleSince = new Map<Socket, number>();
  const open = new Set<Socket>();
  let noneOpen: (() => void) | undefined;
  let lastConnectionAt = 0;
  server.on('connection', (socket: Socket) => {
    lastConnectionAt = performance.now();
    idleSince.set(socket, lastConnectionAt);
    open.add(socket);
    socket.once('close', () => {
      idleSince.delete(socket);
      open.delete(socket);
      if (open.size === 0) noneOpen?.();
    });
  });
  server.on('request', (request, response) => {
    const socket = request.socket;
    idleSince.delete(socket);
    response.once('finish', () => {
      if (!socket.destroyed) idleSince.set(socket, performance.now());
    });
  });
  return {
    idleSince,
    get lastConnectionAt() {
      return lastConnectionAt;
    },
    whenNoneOpen(done) {
      if (open.size === 0) done();
      else noneOpen = done;
    },
  };
}

/**
 * Resolves at the first moment no connection is waiting in the kernel's queue: once `quietMs` have
 * passed without a new connection (or `maxMs` since the call), checked right after a poll phase of
 * the event loop, which accepts everything queued by then. The caller closes the listener in its
 * `then`: a microtask, which runs before the event loop polls (and accepts) again.
 */
export function quietMoment(
  tracker: Pick<ConnectionTracker, 'lastConnectionAt'>,
  { quietMs, maxMs }: { quietMs: number; maxMs: number },
) {
  const deadline = performance.now() + maxMs;
  return new Promise<void>((resolve) => {
    const check = () => {
      const wait = Math.min(tracker.lastConnectionAt + quietMs, deadline) - performance.now();
      if (wait > 0) {
        setTimeout(check, wait);
        return;
      }
      // Two hops: the first immediate runs after the current poll phase, the second after the next
      // one, whose accept loop took whatever the kernel had queued until then. A connection
      // accepted there starts the quiet period anew.
      const seen = tracker.lastConnectionAt;
      setImmediate(() =>
        setImmediate(() => {
          if (tracker.lastConnectionAt !== seen && performance.now() < deadline) check();
          else resolve();
        }),
      );
    };
    check();
  });
}
