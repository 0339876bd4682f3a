import { startBullmqWorker } from './bullmq-worker.js';
import { startWorker, type Worker, type WorkerOptions } from './worker.js';

/**
 * Where tries are scheduled. `database` (the default): workers claim rows from the jobs table.
 * `bullmq`: the table stays the record and the outbox, and BullMQ on Redis runs the tries.
 */
export type JobBackend = { kind: 'database' } | { kind: 'bullmq'; redisUrl: string; prefix: string };

export const DEFAULT_BULLMQ_PREFIX = 'hk:jobs';

/** `HK_JOBS` (`database` or `bullmq`; the latter needs `REDIS_URL`) and `HK_JOBS_PREFIX`. */
export function jobBackendFromEnv(env: Record<string, string | undefined> = process.env): JobBackend {
  const kind = env.HK_JOBS || 'database';
  if (kind === 'database') return { kind };
  if (kind !== 'bullmq') throw new Error(`HK_JOBS must be database or bullmq, not ${kind}`);
  if (!env.REDIS_URL) throw new Error('HK_JOBS=bullmq needs REDIS_URL (the Redis BullMQ keeps its queue in)');
  return { kind, redisUrl: env.REDIS_URL, prefix: env.HK_JOBS_PREFIX || DEFAULT_BULLMQ_PREFIX };
}

/** Starts a worker on the chosen backend; both take the same options and give the same `Worker`. */
export function startWorkerOn(backend: JobBackend, options: WorkerOptions): Worker {
  return backend.kind === 'bullmq'
    ? startBullmqWorker({ ...options, redisUrl: backend.redisUrl, prefix: backend.prefix })
    : startWorker(options);
}
