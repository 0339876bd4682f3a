import { findAssetPaths } from '../demo/asset-paths.js';
import { errorReporterFromEnv } from '../observability/error-reporter.js';
import { startTracing } from '../observability/tracing.js';
import { startServer } from '../server.js';
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
}

export async function serveCommand(options: ServeOptions) {
  const port = resolvePort(options.port, DEFAULT_PORT);
  // A wrong HK_JOBS fails here, before anything listens, not after the server is up.
  const jobBackend = options.worker === false ? null : jobBackendFromEnv(process.env);
  const handle = await openMigrated(options);
  const runtime = captureRuntimeFromEnv();
  const { logger, metricsToken, ...serverSettings } = serverSettingsFromEnv();
  const { embeds } = findAssetPaths();
  // Both load their libraries only when their variables are set (OTEL_*, SENTRY_DSN).
  const tracing = await startTracing(process.env);
  const errorReporter = (await errorReporterFromEnv(process.env)) ?? undefined;
  const server = await startServer({
    handle,
    port,
    hostname: options.host,
    deps: { ...runtime.deps, logger, metricsToken, errorReporter, requestTracing: tracing?.requestTracing },
    embeds,
    ...serverSettings,
  }).catch(async (error) => {
    runtime.close();
    await handle.close();
    throw error;
  });
  console.log(`Hidden Key API on ${server.url} (database: ${handle.location})`);
  console.log(`  docs: ${server.url}/docs   openapi: ${server.url}/openapi.json`);
  console.log(
    embeds
      ? `  embeds: ${server.url}/embed/hk-lead-form.js (v${embeds.version}; SRI hashes at /embed/manifest.json)`
      : '  embeds: none found (install @hidden-key/elements beside the server, or build it in a checkout)',
  );
  const worker = jobBackend
    ? startJobWorker(handle.db, { logger, errorReporter, backend: jobBackend })
    : null;
  closeOnSignal(async () => {
    logger.info(
      { timeout_ms: serverSettings.shutdownTimeoutMs },
      'shutting down: draining in-flight requests',
    );
    await server.close();
    await worker?.stop();
    await errorReporter?.flush();
    await tracing?.shutdown();
    runtime.close();
    await handle.close();
  });
}
