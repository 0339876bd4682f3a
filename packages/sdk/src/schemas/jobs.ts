import * as z from 'zod';
import { Id, Timestamp } from './common.js';

/**
 * A job's life: `queued` (waiting for its run time or a worker), `running` (claimed by a worker),
 * `succeeded`, or `dead` (dead-lettered: its last try failed, or it failed in a way a retry cannot
 * fix). A failed try that has tries left goes back to `queued` with a later `run_at`.
 */
export const JobState = z.enum(['queued', 'running', 'succeeded', 'dead']).meta({ id: 'JobState' });
export type JobState = z.infer<typeof JobState>;

/** A piece of background work (a webhook delivery, an enrichment, a sequence step) as `GET /v1/jobs/{id}` shows it. */
export const Job = z
  .object({
    id: Id,
    name: z.string(),
    state: JobState,
    attempts: z.number().int().min(0),
    max_attempts: z.number().int().min(1),
    /** When the job runs next, or ran last. */
    run_at: Timestamp,
    last_error: z.string().nullable(),
    result: z.unknown().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    finished_at: Timestamp.nullable(),
  })
  .meta({
    id: 'Job',
    description:
      'A piece of background work (a webhook delivery, an enrichment, a sequence step) as `GET /v1/jobs/{id}` shows it.',
  });
export type Job = z.infer<typeof Job>;
