import type * as z from 'zod';
import type { Database } from '../../db/database.js';

/** What a handler learns about the try it is running. */
export interface JobRun {
  id: string;
  name: string;
  organizationId: string | null;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
}

export interface JobContext {
  db: Database;
  job: JobRun;
  /** Aborted when the try times out or the worker is told to stop at once. */
  signal: AbortSignal;
}

/**
 * A kind of background work, registered by name. The handler must be idempotent: a try whose
 * worker died before recording the outcome is run again once its lease expires.
 */
export interface JobDefinition<Payload = unknown> {
  /** Stored on every job row; rename only with a migration of the queued rows. */
  name: string;
  /** Checked on enqueue and again before each try (rows may predate a schema change). */
  payload: z.ZodType<Payload>;
  /** Resolves with the job's result (stored as JSON, shown by `GET /v1/jobs/{id}`), or throws to retry. */
  handle(payload: Payload, context: JobContext): Promise<unknown>;
  /** Tries before the job is dead-lettered (default 5). */
  maxAttempts?: number;
  /**
   * Wait before try n + 1, by n (1-based): a list (its last entry repeats) or a function; jitter
   * is added. Default: exponential from 1 s, doubling, capped at 1 h.
   */
  retryDelaysMs?: readonly number[] | ((attempt: number) => number);
  /** A try that has not settled after this long is aborted and counted as failed (default 60 s). */
  timeoutMs?: number;
}

/** Declares a job with its payload type inferred from the schema. */
export const defineJob = <Payload>(definition: JobDefinition<Payload>) => definition;

/** Thrown by a handler when a retry cannot help (bad payload, a receiver that answered 410): dead at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_TIMEOUT_MS = 60_000;
