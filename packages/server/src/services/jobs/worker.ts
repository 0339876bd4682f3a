import { hostname } from 'node:os';
import type { Database } from '../../db/database.js';
import { Wakeup } from '../realtime/wakeup.js';
import { DEFAULT_TIMEOUT_MS, type JobDefinition, PermanentJobError } from './job-definition.js';
import { buryAbandonedJobs, claimJobs, type JobRow, recordOutcome, type TryOutcome } from './job-store.js';
import { retryDelayMs } from './retry-delay.js';

export interface WorkerOptions {
  db: Database;
  // biome-ignore lint/suspicious/noExplicitAny: a registry holds definitions of many payload types
  definitions: readonly JobDefinition<any>[];
  /** Tries run at once by this worker (default 4). */
  concurrency?: number;
  /** How often an idle worker looks for due jobs (default 500 ms); `wake()` looks at once. */
  pollMs?: number;
  /** `stop()` waits this long for running tries before leaving them to their leases (default 10 s). */
  drainTimeoutMs?: number;
  /** Reports a failed try or a worker-loop error; the worker carries on. */
  onError?: (error: unknown, job?: JobRow) => void;
}

export interface Worker {
  readonly id: string;
  /** Looks for due jobs now (call after enqueueing in this process). */
  wake(): void;
  /** Stops claiming, waits for running tries (up to the drain timeout) and resolves. */
  stop(): Promise<void>;
}

/** Extra lease beyond a try's timeout, so a slow outcome write is not mistaken for a dead worker. */
const LEASE_MARGIN_MS = 5_000;
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/**
 * Runs registered jobs from the jobs table until stopped. Start as many workers as you like, in
 * one process or many: claims skip rows another worker holds, so each try runs once.
 */
export function startWorker(options: WorkerOptions): Worker {
  const { db } = options;
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 500;
  const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
  const onError = options.onError ?? (() => {});
  const byName = new Map(options.definitions.map((definition) => [definition.name, definition]));
  const names = [...byName.keys()];
  const id = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const wakeup = new Wakeup();
  const running = new Set<Promise<void>>();
  const stopping = new AbortController();
  let stopped = false;

  async function runTry(row: JobRow): Promise<void> {
    const definition = byName.get(row.name)!;
    const timeoutMs = definition.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    const abortOnStop = () => controller.abort(new Error('The worker stopped'));
    stopping.signal.addEventListener('abort', abortOnStop, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`The try timed out after ${timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    let outcome: TryOutcome;
    try {
      const payload = definition.payload.parse(row.payload);
      const context = {
        db,
        signal: controller.signal,
        job: {
          id: row.id,
          name: row.name,
          organizationId: row.organizationId,
          attempt: row.attempts,
          maxAttempts: row.maxAttempts,
        },
      };
      const result = await Promise.race([definition.handle(payload, context), timedOut]);
      outcome = { kind: 'succeeded', result: result ?? null };
    } catch (error) {
      onError(error, row);
      const permanent = error instanceof PermanentJobError || (error as Error)?.name === 'ZodError';
      outcome =
        permanent || row.attempts >= row.maxAttempts
          ? { kind: 'dead', error: describe(error) }
          : { kind: 'retry', error: describe(error), delayMs: retryDelayMs(definition, row.attempts) };
    } finally {
      clearTimeout(timer);
      stopping.signal.removeEventListener('abort', abortOnStop);
    }
    try {
      await recordOutcome(db, row.id, id, outcome);
    } catch (error) {
      // The lease lapses and another try runs: at least once, never lost.
      onError(error, row);
    }
  }

  const leaseMs = new Map(
    options.definitions.map((definition) => [
      definition.name,
      (definition.timeoutMs ?? DEFAULT_TIMEOUT_MS) + LEASE_MARGIN_MS,
    ]),
  );

  async function loop() {
    while (!stopped) {
      let claimed: JobRow[] = [];
      try {
        await buryAbandonedJobs(db, names);
        claimed = await claimJobs(db, leaseMs, id, concurrency - running.size);
      } catch (error) {
        onError(error);
      }
      for (const row of claimed) {
        const task = runTry(row).finally(() => {
          running.delete(task);
          wakeup.notify();
        });
        running.add(task);
      }
      // A full batch suggests more are due: look again at once if a slot is free.
      const mayHaveMore = claimed.length > 0 && running.size < concurrency;
      if (!mayHaveMore && !stopped) await wakeup.wait(pollMs);
    }
  }

  const looping = names.length > 0 ? loop() : Promise.resolve();

  return {
    id,
    wake: () => wakeup.notify(),
    async stop() {
      if (stopped) return looping;
      stopped = true;
      wakeup.notify();
      await looping;
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        Promise.all(running).then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), drainTimeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!drained) {
        // Tries still running keep their leases; another worker retries them when those lapse.
        stopping.abort();
        await Promise.race([Promise.all(running), new Promise((resolve) => setTimeout(resolve, 1_000))]);
      }
    },
  };
}
