import { type App, createApp } from '../app.js';
import { captureRuntimeFromEnv } from '../commands/capture-env.js';
import type { DatabaseHandle } from '../db/database.js';
import { migrateAsOwner, openDatabase } from '../db/open.js';
import { defaultDeps } from '../deps.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';

type Env = Record<string, string | undefined>;

export interface FetchHandlerOptions {
  /** Settings (`DATABASE_URL`, `REDIS_URL`, `LOG_LEVEL`, ...); `process.env` by default. */
  env?: Env;
  /** Pool size per instance: serverless instances are many, so keep it small (default 2). */
  maxConnections?: number;
  /**
   * Apply migrations on the first request of an instance (default false: run `hk-server migrate` at
   * deploy), through `DATABASE_MIGRATION_URL` when set (DATABASE_URL may be the app role's).
   */
  migrate?: boolean;
  /**
   * Prepare the write paths' statements once per connection (default false here: serverless
   * functions go through a transaction pooler, which may not keep them; true on a direct
   * connection or a session pooler saves the database a parse and plan per statement).
   */
  preparedStatements?: boolean;
}

/** A fetch handler `(request) => response` that also releases its pool and Redis client. */
export interface FetchHandler {
  (request: Request, platformContext?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The API as a plain fetch handler for platforms that call one per request (Netlify, Vercel,
 * Deno, Bun, Cloudflare with a TCP-capable driver). The database and the app are set up on the
 * first request and reused while the instance lives. Event streams and background workers need
 * a long-running process: run `hk-server serve` / `hk-server worker` for those.
 */
export function createFetchHandler(options: FetchHandlerOptions = {}): FetchHandler {
  const env = options.env ?? process.env;
  let ready: Promise<{ app: App; handle: DatabaseHandle; closeRuntime: () => void }> | null = null;

  const setUp = async () => {
    const databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: a serverless deployment needs PostgreSQL');
    const migrationUrl = env.DATABASE_MIGRATION_URL || undefined;
    if (options.migrate && migrationUrl) await migrateAsOwner(migrationUrl);
    const handle = await openDatabase({
      databaseUrl,
      maxConnections: options.maxConnections ?? 2,
      preparedStatements: options.preparedStatements ?? false,
    });
    if (options.migrate && !migrationUrl) await handle.migrate();
    const runtime = captureRuntimeFromEnv(env);
    const pool = handle.client.kind === 'postgres' ? handle.client.pool : undefined;
    const app = createApp({
      ...defaultDeps(handle.db),
      ...runtime.deps,
      logger: createLogger(env),
      metrics: createMetrics({ pool, db: handle.db }),
      metricsToken: env.HK_METRICS_TOKEN || undefined,
    });
    return { app, handle, closeRuntime: runtime.close };
  };

  const handler = (async (request: Request, platformContext?: unknown) => {
    ready ??= setUp().catch((error) => {
      ready = null;
      throw error;
    });
    let app: App;
    try {
      ({ app } = await ready);
    } catch (error) {
      return Response.json(
        {
          success: false,
          error: `The API cannot start: ${(error as Error).message}`,
          code: 'service_unavailable',
          details: {},
          request_id: '',
          timestamp: new Date().toISOString(),
        },
        { status: 503, headers: { 'Retry-After': '5' } },
      );
    }
    return app.fetch(request, { platformContext });
  }) as FetchHandler;

  handler.close = async () => {
    const current = await ready?.catch(() => null);
    ready = null;
    current?.closeRuntime();
    await current?.handle.close();
  };
  return handler;
}

/**
 * A Netlify Functions (v2) handler: `export default createNetlifyHandler()` in
 * `netlify/functions/api.mts`, with `export const config = { path: ['/v1/*', '/healthz', ...] }`.
 */
export const createNetlifyHandler = (options: FetchHandlerOptions = {}) => {
  const handler = createFetchHandler(options);
  return (request: Request, context?: unknown) => handler(request, context);
};
