import { hostname } from 'node:os';
import { type Job as BullJob, Worker as BullWorker, Queue, UnrecoverableError, WaitingError } from 'bullmq';
import { Redis } from 'ioredis';
import { scopedDatabase } from '../../db/scoped-database.js';
import { Wakeup } from '../realtime/wakeup.js';
import { DEFAULT_TIMEOUT_MS } from './job-definition.js';
import { BULLMQ_HOLDER, type RelayedJob, recordOutcome, relayJobs, startRelayedTry } from './job-store.js';
import { retryDelayMs } from './retry-delay.js';
import { runJobTry } from './run-try.js';
import { jobsListener, settlesWithin, type Worker, type WorkerOptions } from './worker.js';

export interface BullmqWorkerOptions extends WorkerOptions {
  /** The Redis BullMQ keeps its queue in (`REDIS_URL`). */
  redisUrl: string;
  /** Prefix of every BullMQ key (`HK_JOBS_PREFIX`, default `hk:jobs`): one per deployment. */
  prefix?: string;
}

/** Every job kind shares one BullMQ queue; the BullMQ job's name is the job's name. */
const QUEUE_NAME = 'jobs';
const RELAY_BATCH = 500;
const HAND_OVER_TIMEOUT_MS = 2_000;
const LEASE_MARGIN_MS = 5_000;
/** BullMQ's copies are only the run queue (the jobs table is the record): keep them a while, then let Redis forget. */
const KEEP_FINISHED = { removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } };

interface BullPayload {
  /** The jobs row this BullMQ job runs. */
  id: string;
}

/**
 * The BullMQ backend (`HK_JOBS=bullmq`) behind the same `Worker` as the table's. `enqueueJob` is
 * unchanged and still writes the row in the caller's transaction: the jobs table is the outbox. A
 * relay in every worker hands new rows over to the BullMQ queue (woken by the same NOTIFY, with the
 * same slow poll) and marks them held by BullMQ; BullMQ then schedules tries, retries and stalled
 * jobs across every process on the Redis, and each try writes its state and outcome to the row,
 * so `GET /v1/jobs/{id}`, `hk-server jobs list` and the queue depth read the same table.
 */
export function startBullmqWorker(options: BullmqWorkerOptions): Worker {
  const { db } = options;
  // The queue is every organisation's: the relay, leases and outcomes run as the system role.
  const system = scopedDatabase(db, null);
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 5_000;
  const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
  const onError = options.onError ?? (() => {});
  const byName = new Map(options.definitions.map((definition) => [definition.name, definition]));
  const names = [...byName.keys()];
  const id = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}:bullmq`;
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
  const prefix = options.prefix ?? 'hk:jobs';
  const stopping = new AbortController();
  /** Wakes the relay: a NOTIFY, a reconnected Redis, `wake()`. */
  const wakeup = new Wakeup();
  /** The wait a failed try chose (with its jitter), for BullMQ's backoff to use: one number, two places agree. */
  const chosenDelays = new Map<string, number>();

  // The relay adds jobs inside a database transaction (row locks held; on PGlite, the whole
  // database), so it adds only while this connection is up, never waiting for Redis to return.
  const queueRedis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  queueRedis.on('error', () => {});
  const queue = new Queue<BullPayload>(QUEUE_NAME, { connection: queueRedis, prefix });
  queue.on('error', (error) => onError(error));
  queueRedis.on('ready', () => wakeup.notify());

  async function runTry(bullJob: BullJob<BullPayload>, token?: string) {
    const definition = byName.get(bullJob.name);
    // A job kind this process does not know (a rolling deploy): retried, perhaps by a newer worker.
    if (!definition) throw new Error(`No definition for job ${bullJob.name} in this worker`);
    const leaseMs = (definition.timeoutMs ?? DEFAULT_TIMEOUT_MS) + LEASE_MARGIN_MS;
    const row = await startRelayedTry(system, bullJob.data.id, bullJob.attemptsMade + 1, leaseMs);
    // The row was erased with its organisation, or a copy of this job already finished it.
    if (!row) return null;
    const outcome = await runJobTry({ db, definition, row, stopping: stopping.signal, onError });
    if (outcome.kind === 'released') {
      // Back to BullMQ's wait list, attempts unchanged; the row stays as it is until the next try starts.
      await bullJob.moveToWait(token);
      throw new WaitingError();
    }
    // If this write fails, the throw makes BullMQ try again: at least once, never lost.
    await recordOutcome(system, row.id, BULLMQ_HOLDER, outcome);
    if (outcome.kind === 'succeeded') return outcome.result;
    if (outcome.kind === 'dead') throw new UnrecoverableError(outcome.error);
    chosenDelays.set(bullJob.id!, outcome.delayMs);
    throw new Error(outcome.error);
  }

  const bullWorker = new BullWorker<BullPayload>(QUEUE_NAME, runTry, {
    connection,
    prefix,
    concurrency,
    autorun: names.length > 0,
    ...KEEP_FINISHED,
    settings: {
      backoffStrategy: (
        attemptsMade: number,
        _type?: string,
        _error?: Error,
        job?: { id?: string; name: string },
      ) => {
        const chosen = job?.id === undefined ? undefined : chosenDelays.get(job.id);
        if (job?.id !== undefined) chosenDelays.delete(job.id);
        const definition = job ? byName.get(job.name) : undefined;
        return chosen ?? retryDelayMs(definition ?? {}, attemptsMade);
      },
    },
  });
  bullWorker.on('error', (error) => onError(error));
  // BullMQ gave up on a job whose try wrote no outcome (its database write failed on the last
  // attempt): dead-letter the row, which is otherwise left `running`. A no-op for rows a try
  // already finished, since the write only touches a row still running under BullMQ.
  bullWorker.on('failed', (bullJob, error) => {
    if (!bullJob?.finishedOn) return;
    recordOutcome(system, bullJob.data.id, BULLMQ_HOLDER, {
      kind: 'dead',
      error: error.message.slice(0, 2000),
    }).catch(onError);
  });

  // The relay: new rows in the table become BullMQ jobs.
  const listener = jobsListener(options, byName, wakeup, onError);
  let stopped = false;
  const handOver = async (batch: RelayedJob[]) => {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('BullMQ did not take the jobs in time')),
        HAND_OVER_TIMEOUT_MS,
      );
    });
    // If the add lands after all, the rows are handed over again with the same ids: BullMQ ignores those.
    const adding = queue.addBulk(
      batch.map((job) => ({
        name: job.name,
        data: { id: job.id },
        opts: {
          jobId: job.bullmqId,
          delay: job.delayMs,
          attempts: job.maxAttempts,
          backoff: { type: 'hk' },
          ...KEEP_FINISHED,
        },
      })),
    );
    try {
      await Promise.race([adding, gaveUp]);
    } finally {
      clearTimeout(timer);
    }
  };

  async function relayLoop() {
    while (!stopped) {
      await listener.listen();
      markReady();
      let relayed = 0;
      try {
        // Redis is away: leave the rows in the table; its 'ready' wakes the relay.
        if (queueRedis.status === 'ready') relayed = await relayJobs(system, names, RELAY_BATCH, handOver);
      } catch (error) {
        onError(error);
      }
      if (relayed === RELAY_BATCH || stopped) continue;
      await wakeup.wait(pollMs);
    }
    await listener.stop();
  }

  let markReady: () => void = () => {};
  const relayReady = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const relaying = names.length > 0 ? relayLoop() : Promise.resolve();
  if (names.length === 0) markReady();
  const ready = Promise.all([relayReady, bullWorker.waitUntilReady(), queue.waitUntilReady()]).then(
    () => undefined,
    (error: unknown) => onError(error),
  );

  return {
    id,
    ready,
    wake: () => wakeup.notify(),
    async stop() {
      if (stopped) return;
      stopped = true;
      wakeup.notify();
      await relaying;
      const closing = bullWorker.close();
      if (!(await settlesWithin(closing, drainTimeoutMs))) {
        // Tries still running are told to stop, and each that does goes back to the wait list, not
        // counted; one whose handler ignores its signal is found stalled and run again elsewhere.
        stopping.abort();
        if (!(await settlesWithin(closing, 1_000))) await bullWorker.close(true).catch(onError);
      }
      await queue.close().catch(onError);
      queueRedis.disconnect();
    },
  };
}
