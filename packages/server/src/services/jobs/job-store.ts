import type { Job, JobState } from '@hidden-key/sdk/schemas';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { jobs } from '../../db/schema.js';

export type JobRow = typeof jobs.$inferSelect;

/**
 * Claims up to `limit` due jobs of the given names for `workerId`, each until its name's lease
 * (`leaseMs`, by job name) from now: queued
 * jobs whose time has come, and running jobs whose worker let the lease lapse (it died). One
 * statement with `FOR UPDATE SKIP LOCKED`, so concurrent workers never claim the same row.
 */
export async function claimJobs(
  db: Executor,
  leaseMs: ReadonlyMap<string, number>,
  workerId: string,
  limit: number,
): Promise<JobRow[]> {
  const names = [...leaseMs.keys()];
  if (limit <= 0 || names.length === 0) return [];
  const lease = sql.join(
    [...leaseMs].map(([name, ms]) => sql`when ${name} then ${`${ms} milliseconds`}::interval`),
    sql` `,
  );
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        inArray(jobs.name, [...names]),
        // A queued row with a holder was handed to BullMQ (HK_JOBS=bullmq): its queue runs it.
        sql`((${jobs.state} = 'queued' and ${jobs.runAt} <= now() and ${jobs.lockedBy} is null)
          or (${jobs.state} = 'running' and ${jobs.lockedUntil} < now() and ${jobs.attempts} < ${jobs.maxAttempts}))`,
      ),
    )
    .orderBy(jobs.runAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(jobs)
    .set({
      state: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: workerId,
      lockedUntil: sql`now() + (case ${jobs.name} ${lease} end)`,
      updatedAt: sql`now()`,
    })
    .where(inArray(jobs.id, due))
    .returning();
}

/**
 * Milliseconds (by the database's clock) until the next of these jobs is due or a running one's
 * lease lapses; null when nothing is waiting. An idle worker sleeps that long, so a retry's
 * backoff or a future `runAt` needs no NOTIFY and no fast poll.
 */
export async function msUntilNextDue(db: Executor, names: readonly string[]): Promise<number | null> {
  if (names.length === 0) return null;
  const [row] = await db
    .select({
      ms: sql<string | null>`extract(epoch from least(
        min(${jobs.runAt}) filter (where ${jobs.state} = 'queued' and ${jobs.lockedBy} is null),
        min(${jobs.lockedUntil}) filter (where ${jobs.state} = 'running')) - now()) * 1000`,
    })
    .from(jobs)
    .where(and(inArray(jobs.name, [...names]), inArray(jobs.state, ['queued', 'running'])));
  return row?.ms == null ? null : Number(row.ms);
}

/** What BullMQ workers write as the holder of the jobs they run (`HK_JOBS=bullmq`). */
export const BULLMQ_HOLDER = 'bullmq';

/** A job handed to BullMQ: its BullMQ id (one per hand-over) and how long until it is due. */
export interface RelayedJob {
  id: string;
  name: string;
  bullmqId: string;
  maxAttempts: number;
  delayMs: number;
}

/**
 * The outbox half of the BullMQ backend: inside a transaction, locks up to `limit` jobs not yet
 * handed over (queued, no holder, no try yet), calls `handOver` with them (it adds them to the
 * queue) and marks them as held by BullMQ. If the process dies after `handOver` and before the
 * commit, the rows are handed over again with the same BullMQ ids, which BullMQ ignores.
 */
export async function relayJobs(
  db: Executor,
  names: readonly string[],
  limit: number,
  handOver: (batch: RelayedJob[]) => Promise<void>,
): Promise<number> {
  if (names.length === 0) return 0;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: jobs.id,
        name: jobs.name,
        maxAttempts: jobs.maxAttempts,
        // updated_at changes on every hand-back (a delivery retried by hand), so each hand-over
        // of a row gets an id of its own while a repeated one keeps it.
        version: sql<string>`floor(extract(epoch from ${jobs.updatedAt}) * 1000)::bigint::text`,
        delayMs: sql<string>`greatest(0, extract(epoch from ${jobs.runAt} - now()) * 1000)`,
      })
      .from(jobs)
      .where(
        and(
          inArray(jobs.name, [...names]),
          eq(jobs.state, 'queued'),
          sql`${jobs.lockedBy} is null`,
          eq(jobs.attempts, 0),
        ),
      )
      .orderBy(jobs.runAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;
    await handOver(
      rows.map((row) => ({
        id: row.id,
        name: row.name,
        bullmqId: `${row.id}.${row.version}`,
        maxAttempts: row.maxAttempts,
        delayMs: Math.round(Number(row.delayMs)),
      })),
    );
    await tx
      .update(jobs)
      .set({ lockedBy: BULLMQ_HOLDER })
      .where(
        inArray(
          jobs.id,
          rows.map((row) => row.id),
        ),
      );
    return rows.length;
  });
}

/**
 * Marks a job handed to BullMQ as running its `attempt`-th try (BullMQ counts), holding it for
 * `leaseMs`; null when the row is gone (its organisation was erased) or already finished.
 */
export async function startRelayedTry(
  db: Executor,
  id: string,
  attempt: number,
  leaseMs: number,
): Promise<JobRow | null> {
  const [row] = await db
    .update(jobs)
    .set({
      state: 'running',
      attempts: attempt,
      lockedBy: BULLMQ_HOLDER,
      lockedUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobs.id, id), inArray(jobs.state, ['queued', 'running'])))
    .returning();
  return row ?? null;
}

/**
 * Dead-letters running jobs whose lease lapsed on their last try: the worker died mid-try and no
 * tries are left, so nobody would ever pick them up again.
 */
export async function buryAbandonedJobs(db: Executor, names: readonly string[]): Promise<number> {
  if (names.length === 0) return 0;
  const buried = await db
    .update(jobs)
    .set({
      state: 'dead',
      lastError: sql`coalesce(${jobs.lastError} || ' / ', '') || 'the worker stopped during the last try'`,
      lockedBy: null,
      lockedUntil: null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        inArray(jobs.name, [...names]),
        eq(jobs.state, 'running'),
        lt(jobs.lockedUntil, sql`now()`),
        sql`${jobs.attempts} >= ${jobs.maxAttempts}`,
      ),
    )
    .returning({ id: jobs.id });
  return buried.length;
}

/** The outcome of one try, written only if this worker still holds the job. */
export type TryOutcome =
  | { kind: 'succeeded'; result: unknown }
  | { kind: 'retry'; error: string; delayMs: number }
  | { kind: 'dead'; error: string }
  /** The worker stopped mid-try (a drain that ran out of time): back in the queue, due now, not counted. */
  | { kind: 'released' };

export async function recordOutcome(
  db: Executor,
  jobId: string,
  workerId: string,
  outcome: TryOutcome,
): Promise<boolean> {
  const common = { lockedBy: null, lockedUntil: null, updatedAt: sql`now()` };
  const values =
    outcome.kind === 'succeeded'
      ? { ...common, state: 'succeeded' as const, result: outcome.result ?? null, finishedAt: sql`now()` }
      : outcome.kind === 'retry'
        ? {
            ...common,
            state: 'queued' as const,
            lastError: outcome.error,
            runAt: sql`now() + ${`${outcome.delayMs} milliseconds`}::interval`,
          }
        : outcome.kind === 'released'
          ? { ...common, state: 'queued' as const, attempts: sql`${jobs.attempts} - 1`, runAt: sql`now()` }
          : { ...common, state: 'dead' as const, lastError: outcome.error, finishedAt: sql`now()` };
  const updated = await db
    .update(jobs)
    .set(values)
    .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')))
    .returning({ id: jobs.id });
  return updated.length === 1;
}

export async function findJob(db: Executor, id: string, organizationId?: string): Promise<JobRow | null> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), organizationId ? eq(jobs.organizationId, organizationId) : undefined));
  return row ?? null;
}

export async function listJobs(
  db: Executor,
  filter: { state?: JobState; name?: string; limit?: number } = {},
): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(
      and(
        filter.state ? eq(jobs.state, filter.state) : undefined,
        filter.name ? eq(jobs.name, filter.name) : undefined,
      ),
    )
    .orderBy(desc(jobs.updatedAt), desc(jobs.id))
    .limit(filter.limit ?? 100);
}

/** Jobs waiting per name and state, for queue-depth metrics and the CLI. */
export async function countJobs(db: Executor): Promise<{ name: string; state: JobState; count: number }[]> {
  const rows = await db
    .select({ name: jobs.name, state: jobs.state, count: sql<number>`count(*)::int` })
    .from(jobs)
    .where(inArray(jobs.state, ['queued', 'running']))
    .groupBy(jobs.name, jobs.state);
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** A job as on the wire. */
export const jobToWire = (row: JobRow): Job => ({
  id: row.id,
  name: row.name,
  state: row.state,
  attempts: row.attempts,
  max_attempts: row.maxAttempts,
  run_at: row.runAt.toISOString(),
  last_error: row.lastError,
  result: row.result ?? null,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
  finished_at: row.finishedAt?.toISOString() ?? null,
});
