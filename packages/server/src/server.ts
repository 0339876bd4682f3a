import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { type AddressInfo, Server as NetServer, type Socket } from 'node:net';
import { createAdaptorServer, serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { type App, createApp } from './app.js';
import type { AppDeps } from './context.js';
import type { DatabaseHandle } from './db/database.js';
import { defaultDeps } from './deps.js';
import type { EmbedSource } from './embeds/embed-assets.js';
import { answerMalformedRequests } from './malformed-requests.js';
import { createMetrics } from './observability/metrics.js';
import { registerEmbedRoutes } from './routes/embed/embed.handlers.js';
import {
  DRAIN_IDLE_GRACE_MS,
  DRAIN_LISTEN_MAX_MS,
  DRAIN_QUIET_MS,
  quietMoment,
  trackConnections,
} from './server-drain.js';
import { createStreamRegistry, type StreamLimits } from './services/realtime/stream-registry.js';

export interface StaticMount {
  /** URL prefix, e.g. `/examples`. */
  prefix: string;
  /** Absolute folder served under it. */
  root: string;
}

/**
 * Connections accepted by another process (the primary of `serve --workers N`) instead of a
 * listener of this server's own.
 */
export interface ConnectionFeed {
  /** The port they were accepted on. */
  port: number;
  /** Calls `accept` with each connection handed over. */
  onConnection(accept: (socket: Socket) => void): void;
  /** Asks for no more connections and resolves once none more will come (the drain's listener close). */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  handle: DatabaseHandle;
  port: number;
  hostname?: string;
  /** Folders served as static files; missing folders are skipped. */
  staticMounts?: StaticMount[];
  /** Settings beyond the database: rate limits, trusted proxies, logger, metrics token... */
  deps?: Partial<Omit<AppDeps, 'db'>>;
  /** How long `close()` lets in-flight requests finish before cutting them (default 10 000 ms). */
  shutdownTimeoutMs?: number;
  /** How long the drain waits for new connections to stop before closing the listener (default 100 ms). */
  drainQuietMs?: number;
  /** How long a client may take to send a whole request, headers and body (default 30 000 ms). */
  requestTimeoutMs?: number;
  /** Event streams open at once per key and per organisation on this instance. */
  streamLimits?: StreamLimits;
  /** The element bundles served under `/embed/`; null answers 404 there with a hint. */
  embeds?: EmbedSource | null;
  /** Adds routes before the static mounts (e.g. the demo's partner page). */
  routes?: (app: App) => void;
  /** Serve connections handed over by another process; `port` and `hostname` are then unused. */
  connections?: ConnectionFeed;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/**
 * Serves the app over HTTP (port 0 picks a free port) until `close()`, which drains: `/readyz`
 * turns 503, event streams end with a `retry:` hint, the listener closes as soon as no connection
 * is arriving (see server-drain.ts), in-flight requests finish (up to `shutdownTimeoutMs`) and
 * only then is what is left cut.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { client } = options.handle;
  const streams = createStreamRegistry(options.streamLimits);
  let draining = false;
  const app = createApp({
    ...defaultDeps(options.handle.db),
    metrics: createMetrics({
      db: options.handle.db,
      pool: client.kind === 'postgres' ? client.pool : undefined,
    }),
    ...options.deps,
    realtime: { ...options.deps?.realtime, streams },
    draining: () => draining,
  });
  registerEmbedRoutes(app, options.embeds ?? null);
  options.routes?.(app);
  const mounted = (options.staticMounts ?? []).filter((mount) => existsSync(mount.root));
  for (const mount of mounted) {
    app.use(
      `${mount.prefix}/*`,
      serveStatic({ root: mount.root, rewriteRequestPath: (path) => path.slice(mount.prefix.length) || '/' }),
    );
  }
  // From close() on, /readyz answers 503 so a load balancer sends no more. Keep-alive goes on until
  // the listener has closed: a `Connection: close` before that only makes clients open new
  // connections, which the closing listener would reset.
  let listenerClosed = false;
  const fetch = async (request: Request, env: unknown) => {
    const response = await app.fetch(request, env);
    // Once nothing new can connect, keep-alive connections close after their answer instead of taking more.
    if (listenerClosed) response.headers.set('connection', 'close');
    return response;
  };
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const hostname = options.hostname ?? '0.0.0.0';
  // A body that trickles in is cut off (408) instead of holding a connection and a handler. Node
  // checks those deadlines every `connectionsCheckingInterval` (30 s by default, which would let a
  // request overrun its timeout by that much); once a second costs one walk of the open connections.
  const serverOptions = {
    requestTimeout,
    headersTimeout: Math.min(requestTimeout, 10_000),
    connectionsCheckingInterval: Math.min(requestTimeout, 1_000),
  };
  const feed = options.connections;
  const server = feed
    ? adoptConnections(createAdaptorServer({ fetch, serverOptions }) as Server, feed)
    : await new Promise<Server>((resolve, reject) => {
        const listening = serve({ fetch, port: options.port, hostname, serverOptions }, () =>
          resolve(listening as Server),
        ) as Server;
        listening.once('error', reject);
      });
  answerMalformedRequests(server);
  const port = feed ? feed.port : (server.address() as AddressInfo).port;
  const connections = trackConnections(server);
  const shutdownTimeout = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  let closing: Promise<void> | null = null;
  return {
    url: `http://localhost:${port}`,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        draining = true;
        streams.shutdown();
        const cut = setTimeout(() => server.closeAllConnections(), shutdownTimeout);
        const closeLongIdle = () => {
          const now = performance.now();
          for (const [socket, since] of connections.idleSince) {
            if (now - since >= DRAIN_IDLE_GRACE_MS) socket.destroy();
          }
        };
        const limits = {
          quietMs: options.drainQuietMs ?? DRAIN_QUIET_MS,
          maxMs: Math.min(DRAIN_LISTEN_MAX_MS, shutdownTimeout / 2),
        };
        const noMoreConnections = feed ? feed.stop() : quietMoment(connections, limits);
        void noMoreConnections.then(() => {
          listenerClosed = true;
          const sweep = setInterval(closeLongIdle, 50);
          const finish = () => {
            clearTimeout(cut);
            clearInterval(sweep);
            resolve();
          };
          // (close() on a server that never listened only stops http's timeout checks.)
          if (feed)
            connections.whenNoneOpen(() => {
              server.close();
              finish();
            });
          // net's close, not http's: http's would first close every idle keep-alive connection at
          // once, resetting the requests clients are sending on them at that moment.
          else NetServer.prototype.close.call(server, finish);
        });
      });
      return closing;
    },
  };
}

/**
 * Serves the connections `feed` hands over. http.Server starts the checks behind `requestTimeout`
 * (and the connection list `closeAllConnections` walks) when it emits 'listening', which a server
 * that never listens itself does not, so it is emitted here.
 */
function adoptConnections(server: Server, feed: ConnectionFeed): Server {
  server.emit('listening');
  feed.onConnection((socket) => {
    server.emit('connection', socket);
    // The primary accepted it paused, so that no byte is read before it gets here.
    socket.resume();
  });
  return server;
}
