import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import type { Database } from '../db/database.js';
import { withOrganization } from '../db/tenant.js';
import { replayRaceWinner } from './idempotency.js';

/** Thrown inside the request's transaction to roll it back once the handler has failed. */
const rollback = Symbol('rollback');

/**
 * Runs the rest of the request (idempotency, validation, handler) in one transaction limited to
 * the caller's organisation (`withOrganization`): the handler's `c.get('deps').db` is that
 * transaction, so every query it makes, `write()`'s included (a savepoint), sees only the
 * organisation's rows, even one that forgets its `organization_id` filter. A failed request
 * (`c.error`, answered by `onError` already) rolls back; a failed commit becomes the error answer,
 * unless it failed because an `Idempotency-Key` duplicate committed first (then that one's answer).
 */
export const tenantTransaction = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const deps = c.get('deps');
    try {
      await withOrganization(deps.db, c.get('auth').organizationId, async (tx) => {
        // A transaction is a drizzle database whose `transaction()` opens savepoints.
        c.set('deps', { ...deps, db: tx as unknown as Database });
        c.set('requestTransaction', tx);
        try {
          await next();
        } finally {
          c.set('deps', deps);
          c.set('requestTransaction', undefined);
        }
        if (c.error) throw rollback;
      });
    } catch (error) {
      // An `Idempotency-Key` duplicate that committed first fails this request's answer at the
      // commit (PostgreSQL) or at once (PGlite): this one, rolled back now, replays that answer.
      const raced = await replayRaceWinner(c, error === rollback ? c.error : error, deps.db);
      if (raced) {
        c.error = undefined;
        c.res = raced;
        return;
      }
      if (error !== rollback) throw error;
    }
  });
