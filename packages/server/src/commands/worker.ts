import { InvalidArgumentError } from 'commander';
import type { Database } from '../db/database.js';
import { jobDefinitions } from '../services/jobs/registry.js';
import { startWorker, type Worker } from '../services/jobs/worker.js';
import { closeOnSignal, type DatabaseOptions, openMigrated } from './options.js';

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
  return fromEnv ? parseConcurrency(fromEnv) : 4;
};

/** Starts a worker for every registered job; failed tries are reported on stderr as one JSON line. */
export function startJobWorker(db: Database, concurrency?: number): Worker {
  return startWorker({
    db,
    definitions: jobDefinitions(process.env),
    concurrency: resolveConcurrency(concurrency),
    onError: (error, job) =>
      console.error(
        JSON.stringify({
          level: 'warn',
          msg: 'job try failed',
          job_id: job?.id,
          job_name: job?.name,
          attempt: job?.attempts,
          error: error instanceof Error ? error.message : String(error),
        }),
      ),
  });
}

/** `hk-server worker`: runs jobs until SIGTERM or Ctrl-C, then drains the tries in progress. */
export async function workerCommand(options: WorkerCommandOptions) {
  const handle = await openMigrated(options);
  const worker = startJobWorker(handle.db, options.concurrency);
  console.log(`Hidden Key worker ${worker.id} (database: ${handle.location})`);
  closeOnSignal(async () => {
    await worker.stop();
    await handle.close();
  });
}
