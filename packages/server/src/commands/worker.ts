import { InvalidArgumentError } from 'commander';
import type { Database } from '../db/database.js';
import { scopedDatabase } from '../db/scoped-database.js';
import { isDatabaseUnavailable } from '../middleware/errors.js';
import { type ErrorReporter, errorReporterFromEnv } from '../observability/error-reporter.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { createDatabaseHealth } from '../services/database-health.js';
import { type JobBackend, jobBackendFromEnv, startWorkerOn } from '../services/jobs/job-backend.js';
import { jobDefinitions } from '../services/jobs/registry.js';
import type { Worker } from '../services/jobs/worker.js';
import {
  retentionJob,
  retentionSettingsFromEnv,
  scheduleRetention,
} from '../services/privacy/retention.job.js';
import { closeOnSignal, type DatabaseOptions, openMigrated, parseEnvSetting } from './options.js';

export interface WorkerCommandOptions extends DatabaseOptions {
  concurrency?: number;
}

export function parseConcurrency(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256)
    throw new InvalidArgumentError('Expected a whole number from 1 to 256.');
  return Number(value);
}

/** `--concurrency`, else HK_WORKER_CONCURRENCY, else 4. */
const resolveConcurrency = (option: number | undefined) => {
  if (option !== undefined) return option;
  const fromEnv = process.env.HK_WORKER_CONCURRENCY;
  return fromEnv ? parseEnvSetting('HK_WORKER_CONCURRENCY', fromEnv, parseConcurrency) : 4;
};

export interface JobWorkerOptions {
  concurrency?: number;
  logger?: Logger;
  /** Failed tries (not database outages) go here too, e.g. to Sentry. */
  errorReporter?: ErrorReporter;
  /** Where tries run (default: from `HK_JOBS`). */
  backend?: JobBackend;
}

/**
 * Starts a worker for every registered job, on the backend `HK_JOBS` chooses (the jobs table by
 * default, BullMQ with `HK_JOBS=bullmq` and `REDIS_URL`). A failed try is one log line; a database outage is
 * one line when it starts and one when it ends (the HTTP side's tracker), not a line per poll.
 */
export function startJobWorker(db: Database, options: JobWorkerOptions = {}): Worker {
  const logger = options.logger ?? createLogger();
  const databaseHealth = createDatabaseHealth(db, logger, undefined, 'the worker retries until it is back');
  const worker = startWorkerOn(options.backend ?? jobBackendFromEnv(process.env), {
    db,
    definitions: jobDefinitions(process.env),
    concurrency: resolveConcurrency(options.concurrency),
    onError: async (error, job) => {
      if (isDatabaseUnavailable(error) && (await databaseHealth.reportFailure(error))) return;
      logger.warn(
        {
          job_id: job?.id,
          job_name: job?.name,
          attempt: job?.attempts,
          err: { message: error instanceof Error ? error.message : String(error) },
        },
        job ? 'job try failed' : 'job worker poll failed',
      );
      options.errorReporter?.report(error, {
        job_id: job?.id,
        job_name: job?.name,
        attempt: job?.attempts,
        organization_id: job?.organizationId,
      });
    },
  });
  // The retention sweep re-enqueues itself; a starting worker joins (or starts) its chain. A worker
  // that starts during an outage tries again once the database is back, so the sweep is not lost
  // until the next restart.
  const retention = retentionJob(retentionSettingsFromEnv(process.env));
  let stopped = false;
  const joinRetention = () => {
    // The sweep is every organisation's: its chain is the system role's.
    scheduleRetention(scopedDatabase(db, null), retention).catch(async (error: unknown) => {
      if (stopped) return;
      if (isDatabaseUnavailable(error) && (await databaseHealth.reportFailure(error))) {
        databaseHealth.whenBack(joinRetention);
        return;
      }
      logger.warn({ err: { message: (error as Error).message } }, 'retention sweep not scheduled');
    });
  };
  joinRetention();
  return {
    ...worker,
    async stop() {
      stopped = true;
      await worker.stop();
      databaseHealth.close();
    },
  };
}

/** `hk-server worker`: runs jobs until SIGTERM or Ctrl-C, then drains the tries in progress. */
export async function workerCommand(options: WorkerCommandOptions) {
  // Settings are checked before the database opens, so a bad one stops the command at once.
  const backend = jobBackendFromEnv(process.env);
  const concurrency = resolveConcurrency(options.concurrency);
  const handle = await openMigrated(options);
  const errorReporter = await errorReporterFromEnv(process.env);
  const worker = startJobWorker(handle.db, {
    backend,
    concurrency,
    errorReporter: errorReporter ?? undefined,
  });
  const queue = backend.kind === 'bullmq' ? ', jobs: BullMQ' : '';
  console.log(`Hidden Key worker ${worker.id} (database: ${handle.location}${queue})`);
  closeOnSignal(async () => {
    await worker.stop();
    await errorReporter?.flush();
    await handle.close();
  });
}
