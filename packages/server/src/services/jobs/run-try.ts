import type { Database } from '../../db/database.js';
import { scopedDatabase } from '../../db/scoped-database.js';
import { DEFAULT_TIMEOUT_MS, type JobDefinition, PermanentJobError } from './job-definition.js';
import type { JobRow, TryOutcome } from './job-store.js';
import { retryDelayMs } from './retry-delay.js';

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

export interface TryInput<Payload> {
  /** The app's database (as opened): the try scopes it to the job's organisation itself. */
  db: Database;
  definition: JobDefinition<Payload>;
  /** The job as claimed: `attempts` already counts this try. */
  row: JobRow;
  /** Aborted when the worker stops at once; the handler's signal follows it. */
  stopping: AbortSignal;
  onError: (error: unknown, job?: JobRow) => void;
}

/**
 * Runs one try of a claimed job and decides what comes next: succeeded, retry after a backoff
 * with jitter, or dead (the last try, a `PermanentJobError`, or a payload that no longer parses).
 * Both backends run tries through here, so they agree on timeouts, retries and dead-lettering.
 */
export async function runJobTry<Payload>({
  db,
  definition,
  row,
  stopping,
  onError,
}: TryInput<Payload>): Promise<TryOutcome> {
  const timeoutMs = definition.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const abortOnStop = () => controller.abort(new Error('The worker stopped'));
  stopping.addEventListener('abort', abortOnStop, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`The try timed out after ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    const payload = definition.payload.parse(row.payload);
    // The job's organisation walls its work in, as a request's does; a job of none (the retention
    // sweep) is cross-organisation by nature and runs as the system role.
    const context = {
      db: scopedDatabase(db, row.organizationId),
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
    return { kind: 'succeeded', result: result ?? null };
  } catch (error) {
    // Cut short by the worker stopping, not failed: the try is given back, whatever it threw.
    if (stopping.aborted) return { kind: 'released' };
    onError(error, row);
    const permanent = error instanceof PermanentJobError || (error as Error)?.name === 'ZodError';
    return permanent || row.attempts >= row.maxAttempts
      ? { kind: 'dead', error: describe(error) }
      : { kind: 'retry', error: describe(error), delayMs: retryDelayMs(definition, row.attempts) };
  } finally {
    clearTimeout(timer);
    stopping.removeEventListener('abort', abortOnStop);
  }
}
