import cluster from 'node:cluster';
import { clusterMetricsView } from '../cluster/cluster-metrics.js';
import { connectionsFromPrimary, reportReady } from '../cluster/connection-handoff.js';
import { runPrimary, WORKER_NUMBER_ENV, WORKER_PORT_ENV } from '../cluster/primary.js';
import { resolveWorkerCount, type WorkerCountOption } from '../cluster/worker-count.js';
import { openDatabase } from '../db/open.js';
import { findAssetPaths } from '../demo/asset-paths.js';
import { errorReporterFromEnv } from '../observability/error-reporter.js';
import type { Logger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { startTracing } from '../observability/tracing.js';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, startServer } from '../server.js';
import { jobBackendFromEnv } from '../services/jobs/job-backend.js';
import { captureRuntimeFromEnv } from './capture-env.js';
import { closeOnSignal, type DatabaseOptions, openMigrated, resolvePort } from './options.js';
import { serverSettingsFromEnv } from './server-env.js';
import { startJobWorker } from './worker.js';

export const DEFAULT_PORT = 8787;

export interface ServeOptions extends DatabaseOptions {
  port?: number;
  host?: string;
  /** `--no-worker` sets this to false: jobs then run only in `hk-server worker` processes. */
  worker?: boolean;
  /** `--workers`: HTTP worker processes sharing the port (default: WEB_CONCURRENCY, else 1). */
  workers?: WorkerCountOption;
}

/** How long closing the database may take after the drain before the process exits anyway. */
const DATABASE_CLOSE_GRACE_MS = 1_000;

/** The number of this process among `serve --workers N`'s HTTP workers, or null when it is alone. */
const workerNumber = () => {
  const number = process.env[WORKER_NUMBER_ENV];
  return cluster.isWorker && number ? Number(number) : null;
};

export async function serveCommand(options: ServeOptions) {
  const number = workerNumber();
  if (number !== null) return serveInThisProcess(options, number);
  const workers = resolveWorkerCount(options.workers, {
    env: process.env,
    pglite: !process.env.DATABASE_URL,
  });
  if (workers === 1) return serveInThisProcess(options, null);
  return servePrimary(options, workers);
}

/**
 * What `serve` says once it answers: where, and what it serves beside the API. On a terminal, as
 * lines for a person; otherwise (a container, a process manager) as one JSON log line like every
 * other, so a log pipeline that parses each line as JSON does not trip on it.
 */
function announce(logger: Logger, url: string, database: string, workers: number) {
  const { embeds } = findAssetPaths();
  const processes = workers > 1 ? `, ${workers} HTTP workers` : '';
  const headline = `Hidden Key API on ${url} (database: ${database}${processes})`;
  const embed = embeds ? `${url}/embed/hk-lead-form.js` : null;
  if (!process.stdout.isTTY) {
    // At `info` whatever LOG_LEVEL says: where the server answers is never noise.
    logger
      .child({}, { level: 'info' })
      .info(
        { url, database, workers, docs: `${url}/docs`, embed, embeds_version: embeds?.version ?? null },
        headline,
      );
    return;
  }
  console.log(headline);
  console.log(`  docs: ${url}/docs   openapi: ${url}/openapi.json`);
  console.log(
    embed
      ? `  embeds: ${embed} (v${embeds!.version}; SRI hashes at /embed/manifest.json)`
      : '  embeds: none found (install @hidden-key/elements beside the server, or build it in a checkout)',
  );
}

/**
 * `serve --workers N` (N > 1): migrates once, here, then forks the workers (see cluster/primary.ts).
 * Jobs (and the retention sweep's chain) run in worker 1 only: job workers are safe to run many
 * times over, but N of them would multiply `HK_WORKER_CONCURRENCY` and the job connections by N.
 */
async function servePrimary(options: ServeOptions, workers: number) {
  // Settings that would fail in every worker fail here, once, before anything is forked.
  if (options.worker !== false) jobBackendFromEnv(process.env);
  const port = resolvePort(options.port, DEFAULT_PORT);
  const { logger, shutdownTimeoutMs } = serverSettingsFromEnv();
  const handle = await openMigrated(options);
  const database = handle.location;
  await handle.close();
  if (!process.env.REDIS_URL)
    logger.warn(
      { workers },
      `rate limits are counted in each HTTP worker’s memory, so a client gets up to ${workers} times its limit: set REDIS_URL to share the counters`,
    );
  await runPrimary({
    workers,
    port,
    host: options.host ?? '0.0.0.0',
    logger,
    shutdownTimeoutMs: shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
    announce: (port) => announce(logger, `http://localhost:${port}`, database, workers),
  });
}

/**
 * The server in this process: alone (`number` null: migrates first and runs the jobs unless
 * `--no-worker`), or as HTTP worker `number` of a primary that has migrated already.
 */
async function serveInThisProcess(options: ServeOptions, number: number | null) {
  const port = resolvePort(options.port, DEFAULT_PORT);
  const runsJobs = options.worker !== false && (number === null || number === 1);
  // Every setting is read before the database is opened: a wrong one (HK_JOBS, LOG_LEVEL, a rate
  // limit) stops the start with its own message, before anything is migrated or listens.
  const jobBackend = runsJobs ? jobBackendFromEnv(process.env) : null;
  const { logger: processLogger, metricsToken, ...serverSettings } = serverSettingsFromEnv();
  const runtime = captureRuntimeFromEnv();
  const handle = await (number === null
    ? openMigrated(options)
    : openDatabase({ databaseUrl: process.env.DATABASE_URL })
  ).catch((error) => {
    runtime.close();
    throw error;
  });
  // Each line a worker logs says which one it is.
  const logger = number === null ? processLogger : processLogger.child({ worker: number, pid: process.pid });
  const { embeds } = findAssetPaths();
  // Both load their libraries only when their variables are set (OTEL_*, SENTRY_DSN).
  const tracing = await startTracing(process.env);
  const errorReporter = (await errorReporterFromEnv(process.env)) ?? undefined;
  const { client } = handle;
  const metrics =
    number === null
      ? undefined
      : clusterMetricsView(
          createMetrics({ db: handle.db, pool: client.kind === 'postgres' ? client.pool : undefined }),
        );
  const server = await startServer({
    handle,
    port,
    hostname: options.host,
    connections: number === null ? undefined : connectionsFromPrimary(Number(process.env[WORKER_PORT_ENV])),
    deps: {
      ...runtime.deps,
      logger,
      metricsToken,
      errorReporter,
      requestTracing: tracing?.requestTracing,
      ...(metrics ? { metrics } : {}),
    },
    embeds,
    ...serverSettings,
  }).catch(async (error) => {
    runtime.close();
    await handle.close();
    throw error;
  });
  if (number === null) announce(logger, server.url, handle.location, 1);
  else reportReady();
  const worker = jobBackend
    ? startJobWorker(handle.db, { logger, errorReporter, backend: jobBackend })
    : null;
  const close = async () => {
    logger.info(
      { timeout_ms: serverSettings.shutdownTimeoutMs },
      'shutting down: draining in-flight requests',
    );
    await server.close();
    await worker?.stop();
    await errorReporter?.flush();
    await tracing?.shutdown();
    runtime.close();
    // A request cut off at the drain limit can still be waiting on the database (a lock, a slow
    // query), and closing the pool waits for it. Its client has no answer, so it must not commit:
    // past a short grace the process exits, its connections drop, and PostgreSQL rolls it back.
    const closed = await Promise.race([
      handle.close().then(() => true),
      new Promise<false>((resolve) => setTimeout(resolve, DATABASE_CLOSE_GRACE_MS, false).unref()),
    ]);
    if (!closed) {
      logger.warn(
        { grace_ms: DATABASE_CLOSE_GRACE_MS },
        'shutting down: queries of requests cut off at the drain limit are still running; exiting, so they roll back',
      );
    }
  };
  closeOnSignal(close, { ignoreRepeats: number !== null });
}
