import { hostname } from 'node:os';
import type { Database } from '../../db/database.js';
import { scopedDatabase } from '../../db/scoped-database.js';
import { channelListener } from '../realtime/channel-listener.js';
import { Wakeup } from '../realtime/wakeup.js';
import { JOBS_CHANNEL } from './enqueue.js';
import { DEFAULT_TIMEOUT_MS, type JobDefinition } from './job-definition.js';
import { buryAbandonedJobs, claimJobs, type JobRow, msUntilNextDue, recordOutcome } from './job-store.js';
import { runJobTry } from './run-try.js';

export interface WorkerOptions {
  db: Database;
  // biome-ignore lint/suspicious/noExplicitAny: a registry holds definitions of many payload types
  definitions: readonly JobDefinition<any>[];
  /** Tries run at once by this worker (default 4). */
  concurrency?: number;
  /**
   * How often an idle worker looks for due jobs anyway (default 5 s). Enqueueing wakes it at once
   * through NOTIFY and it plans a wake-up for the next due job or lapsing lease, so the poll only
   * covers what nothing announces (a notification lost while the listener reconnected).
   */
  pollMs?: number;
  /** Listen for `enqueueJob`'s NOTIFY (default true); false leaves the poll alone, as before it. */
  listen?: boolean;
  /** `stop()` waits this long for running tries before leaving them to their leases (default 10 s). */
  drainTimeoutMs?: number;
  /** Reports a failed try or a worker-loop error; the worker carries on. */
  onError?: (error: unknown, job?: JobRow) => void;
}

export interface Worker {
  readonly id: string;
  /** Resolves once the worker listens for new jobs (or found it cannot, and polls). */
  readonly ready: Promise<void>;
  /** Looks for due jobs now (call after enqueueing in this process). */
  wake(): void;
  /** Stops claiming, waits for running tries (up to the drain timeout) and resolves. */
  stop(): Promise<void>;
}

/** Extra lease beyond a try's timeout, so a slow outcome write is not mistaken for a dead worker. */
const LEASE_MARGIN_MS = 5_000;
/** The shortest planned wait: a due row another worker holds is skipped, not a reason to spin. */
const MIN_WAIT_MS = 10;

/**
 * `enqueueJob`'s NOTIFY of a job kind in `byName` wakes `wakeup` (unless `listen: false`).
 * `listen()` starts listening if not yet (the database may have been down at start); reconnects
 * are the listener's. Shared by both backends: the table's claim loop and BullMQ's relay.
 */
export function jobsListener(
  options: Pick<WorkerOptions, 'db' | 'listen'>,
  byName: ReadonlyMap<string, unknown>,
  wakeup: Wakeup,
  onError: (error: unknown) => void,
) {
  const listener =
    options.listen === false || byName.size === 0 ? null : channelListener(options.db, JOBS_CHANNEL);
  let listening = false;
  return {
    async listen() {
      if (!listener || listening) return;
      try {
        await listener.start(
          (name) => {
            if (byName.has(name)) wakeup.notify();
          },
          // Notifications sent while the listener was away are gone: look at the table now.
          () => wakeup.notify(),
        );
        listening = true;
      } catch (error) {
        onError(error);
      }
    },
    stop: async () => listener?.stop(),
  };
}

/** Whether `promise` settles within `ms` (a drain with a deadline). */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs registered jobs from the jobs table until stopped. Start as many workers as you like, in
 * one process or many: claims skip rows another worker holds, so each try runs once.
 */
export function startWorker(options: WorkerOptions): Worker {
  const { db } = options;
  // The queue is every organisation's: claims, leases and outcomes run as the system role.
  const queue = scopedDatabase(db, null);
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 5_000;
  const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
  const onError = options.onError ?? (() => {});
  const byName = new Map(options.definitions.map((definition) => [definition.name, definition]));
  const names = [...byName.keys()];
  const id = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const wakeup = new Wakeup();
  const running = new Set<Promise<void>>();
  const stopping = new AbortController();
  let stopped = false;
  const listener = jobsListener(options, byName, wakeup, onError);

  /** How long to sleep: until the next due job or lapsing lease, at most the poll interval. */
  async function idleWaitMs() {
    try {
      const dueInMs = await msUntilNextDue(queue, names);
      return dueInMs === null ? pollMs : Math.min(pollMs, Math.max(MIN_WAIT_MS, dueInMs));
    } catch (error) {
      onError(error);
      return pollMs;
    }
  }

  async function runTry(row: JobRow): Promise<void> {
    const outcome = await runJobTry({
      db,
      definition: byName.get(row.name)!,
      row,
      stopping: stopping.signal,
      onError,
    });
    try {
      await recordOutcome(queue, row.id, id, outcome);
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

  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  async function loop() {
    while (!stopped) {
      // Listen before claiming, so a job enqueued after this claim looked is announced.
      await listener.listen();
      markReady();
      let claimed: JobRow[] = [];
      try {
        await buryAbandonedJobs(queue, names);
        claimed = await claimJobs(queue, leaseMs, id, concurrency - running.size);
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
      if (mayHaveMore || stopped) continue;
      await wakeup.wait(running.size < concurrency ? await idleWaitMs() : pollMs);
    }
    await listener.stop();
  }

  const looping = names.length > 0 ? loop() : Promise.resolve();
  if (names.length === 0) markReady();

  return {
    id,
    ready,
    wake: () => wakeup.notify(),
    async stop() {
      if (stopped) return looping;
      stopped = true;
      wakeup.notify();
      await looping;
      if (!(await settlesWithin(Promise.all(running), drainTimeoutMs))) {
        // Tries still running are told to stop; each that does goes back to the queue, due at once
        // and not counted (a handler that ignores its signal keeps its lease until that lapses).
        stopping.abort();
        await Promise.race([Promise.all(running), new Promise((resolve) => setTimeout(resolve, 1_000))]);
      }
    },
  };
}
