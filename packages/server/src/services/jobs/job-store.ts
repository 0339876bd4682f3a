import type { Job, JobState } from '@hidden-key/sdk/schemas';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { jobs } from '../../db/schema.js';

export type JobRow = typeof jobs.$inferSelect;

/**
 * Claims up to `limit` due jobs of the given names for `workerId`, each until its name's lease
 * (`leaseMs`, by job name) from now: queued
 * jobs whose time has come, and running jobs whose worker let the lease lapse (it died). One
 * statement with `FOR UPDATE SKIP LOCKED`, so concurrent workers never claim the same row.
 */
export async function claimJobs(
  db: Database,
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
        sql`((${jobs.state} = 'queued' and ${jobs.runAt} <= now())
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
export async function msUntilNextDue(db: Database, names: readonly string[]): Promise<number | null> {
  if (names.length === 0) return null;
  const [row] = await db
    .select({
      ms: sql<string | null>`extract(epoch from least(
        min(${jobs.runAt}) filter (where ${jobs.state} = 'queued'),
        min(${jobs.lockedUntil}) filter (where ${jobs.state} = 'running')) - now()) * 1000`,
    })
    .from(jobs)
    .where(and(inArray(jobs.name, [...names]), inArray(jobs.state, ['queued', 'running'])));
  return row?.ms == null ? null : Number(row.ms);
}

/**
 * Dead-letters running jobs whose lease lapsed on their last try: the worker died mid-try and no
 * tries are left, so nobody would ever pick them up again.
 */
export async function buryAbandonedJobs(db: Database, names: readonly string[]): Promise<number> {
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
  | { kind: 'dead'; error: string };

export async function recordOutcome(
  db: Database,
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
        : { ...common, state: 'dead' as const, lastError: outcome.error, finishedAt: sql`now()` };
  const updated = await db
    .update(jobs)
    .set(values)
    .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')))
    .returning({ id: jobs.id });
  return updated.length === 1;
}

export async function findJob(db: Database, id: string, organizationId?: string): Promise<JobRow | null> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), organizationId ? eq(jobs.organizationId, organizationId) : undefined));
  return row ?? null;
}

export async function listJobs(
  db: Database,
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
export async function countJobs(db: Database): Promise<{ name: string; state: JobState; count: number }[]> {
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
