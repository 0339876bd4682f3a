import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { type App, createApp } from './app.js';
import type { AppDeps } from './context.js';
import type { DatabaseHandle } from './db/database.js';
import { defaultDeps } from './deps.js';
import type { EmbedSource } from './embeds/embed-assets.js';
import { registerEmbedRoutes } from './routes/embed/embed.handlers.js';

export interface StaticMount {
  /** URL prefix, e.g. `/examples`. */
  prefix: string;
  /** Absolute folder served under it. */
  root: string;
}

export interface StartServerOptions {
  handle: DatabaseHandle;
  port: number;
  hostname?: string;
  /** Folders served as static files; missing folders are skipped. */
  staticMounts?: StaticMount[];
  /** Settings beyond the database: rate limits, trusted proxies, minimum fill time. */
  deps?: Pick<AppDeps, 'rateLimits' | 'trustedProxies' | 'minFillMs'>;
  /** The element bundles served under `/embed/`; null answers 404 there with a hint. */
  embeds?: EmbedSource | null;
  /** Adds routes before the static mounts (e.g. the demo's partner page). */
  routes?: (app: App) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  mounted: StaticMount[];
  close(): Promise<void>;
}

/** Serves the app over HTTP (port 0 picks a free port) until `close()`. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const app = createApp({ ...defaultDeps(options.handle.db), ...options.deps });
  registerEmbedRoutes(app, options.embeds ?? null);
  options.routes?.(app);
  const mounted = (options.staticMounts ?? []).filter((mount) => existsSync(mount.root));
  for (const mount of mounted) {
    app.use(
      `${mount.prefix}/*`,
      serveStatic({ root: mount.root, rewriteRequestPath: (path) => path.slice(mount.prefix.length) || '/' }),
    );
  }
  const hostname = options.hostname ?? '0.0.0.0';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, port: options.port, hostname }, () => resolve(listening));
    listening.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    mounted,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
