import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { jobs } from '../../db/schema.js';
import { DEFAULT_MAX_ATTEMPTS, type JobDefinition } from './job-definition.js';

/**
 * The NOTIFY channel workers listen on; the payload is the job's name. A trigger on `jobs`
 * (migration `0016_jobs_notify`) sends it for every inserted row, however it was inserted (here,
 * or the webhook fan-out trigger), and PostgreSQL delivers it on commit. Only a wake-up: workers
 * claim from the table, so a lost notification delays a job until the next poll, never loses it.
 */
export const JOBS_CHANNEL = 'hk_jobs';

export interface EnqueueOptions {
  organizationId?: string | null;
  /**
   * Idempotency key: while a job with this name and key exists (in any state), enqueueing again
   * returns it instead of adding another. Use what makes the work unique (`delivery:<id>`).
   */
  key?: string;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Overrides the definition's tries. */
  maxAttempts?: number;
}

export interface EnqueuedJob {
  id: string;
  /** False when a job with the same key already existed. */
  created: boolean;
}

/**
 * Adds a job. Pass the transaction that makes the change the job follows from: the job exists
 * exactly when the change commits, so no work is lost between a commit and a queue; the commit
 * also wakes idle workers (see `JOBS_CHANNEL`).
 */
export async function enqueueJob<Payload>(
  executor: Executor,
  definition: JobDefinition<Payload>,
  payload: Payload,
  options: EnqueueOptions = {},
): Promise<EnqueuedJob> {
  const checked = definition.payload.parse(payload);
  const inserted = await executor
    .insert(jobs)
    .values({
      organizationId: options.organizationId ?? null,
      name: definition.name,
      payload: checked as unknown,
      key: options.key ?? null,
      maxAttempts: options.maxAttempts ?? definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      ...(options.runAt ? { runAt: options.runAt } : { runAt: sql`now()` }),
    })
    .onConflictDoNothing({ target: [jobs.name, jobs.key] })
    .returning({ id: jobs.id });
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const [existing] = await executor
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.name, definition.name), eq(jobs.key, options.key!)));
  return { id: existing!.id, created: false };
}
