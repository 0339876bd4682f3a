import { and, eq, lt, or } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { idempotencyKeys } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { sha256Hex } from '../services/api-keys.js';

/** A stored response is replayed for this long. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim this old whose request never finished (a crashed process) is given up. */
const ABANDONED_CLAIM_MS = 5 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Failures a caller fixes and retries with the same key: these are not kept. */
const RETRYABLE_STATUSES = new Set([400, 401, 403, 413, 415, 429]);

/**
 * `Idempotency-Key` on POST and PATCH, scoped to the organisation. The key is claimed with
 * INSERT ... ON CONFLICT DO NOTHING before the handler runs, so of concurrent duplicates exactly
 * one executes; the others see the claim (409 while it runs, the stored response afterwards).
 * A request whose method, path or body differs from the first one's answers 422.
 */
export const idempotency = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== 'POST' && c.req.method !== 'PATCH') return next();
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (!KEY_PATTERN.test(key)) {
      throw new ApiError('validation_error', 'Invalid Idempotency-Key', {
        'Idempotency-Key': ['Use 1 to 255 printable ASCII characters'],
      });
    }
    const { db, clock } = c.var.deps;
    const { organizationId } = c.var.auth;
    const url = new URL(c.req.url);
    const requestHash = sha256Hex(`${c.req.method}\n${url.pathname}${url.search}\n${await c.req.text()}`);
    const now = clock();
    const thisKey = and(eq(idempotencyKeys.organizationId, organizationId), eq(idempotencyKeys.key, key));

    await db
      .delete(idempotencyKeys)
      .where(
        and(
          thisKey,
          or(
            lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)),
            and(
              eq(idempotencyKeys.status, 'in_progress'),
              lt(idempotencyKeys.createdAt, new Date(now.getTime() - ABANDONED_CLAIM_MS)),
            ),
          ),
        ),
      );
    const claimed = await db
      .insert(idempotencyKeys)
      .values({ organizationId, key, requestHash, status: 'in_progress', createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });

    if (claimed.length === 0) {
      const [existing] = await db.select().from(idempotencyKeys).where(thisKey).limit(1);
      if (existing && existing.requestHash !== requestHash) {
        throw new ApiError('idempotency_mismatch', 'This Idempotency-Key was used with a different request');
      }
      if (existing?.status !== 'completed') {
        throw new ApiError('idempotency_in_progress', 'A request with this Idempotency-Key is still running');
      }
      return new Response(existing.responseBody, {
        status: existing.responseStatus ?? 200,
        headers: {
          'content-type': 'application/json',
          'idempotent-replayed': 'true',
          'x-request-id': c.var.requestId,
        },
      });
    }

    let keep = false;
    try {
      await next();
      keep = c.res.status < 500 && !RETRYABLE_STATUSES.has(c.res.status);
      if (keep) {
        await db
          .update(idempotencyKeys)
          .set({
            status: 'completed',
            responseStatus: c.res.status,
            responseBody: await c.res.clone().text(),
            completedAt: clock(),
          })
          .where(thisKey);
      }
    } finally {
      if (!keep) await db.delete(idempotencyKeys).where(thisKey);
    }
  });
