import { and, eq, lt, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import type { Executor } from '../db/database.js';
import { idempotencyKeys } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { sha256Hex } from '../services/api-keys.js';

/** A stored response is replayed for this long; the retention sweep deletes older records. */
export const IDEMPOTENCY_TTL_MS = 48 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Failures a caller fixes and retries with the same key: these are not kept. */
const RETRYABLE_STATUSES = new Set([400, 401, 403, 413, 415, 429]);

/** The request an `Idempotency-Key` names, held in `c.var.idempotency` until its answer is stored. */
export interface IdempotencyClaim {
  organizationId: string;
  /** The key as stored: its caller's key space (`public:` or `api:`) and the header. */
  key: string;
  requestHash: string;
  /** Set once the answer is stored (by `storeAnswer` inside the write's transaction). */
  stored: boolean;
}

/** Another request with the same key committed first: this one rolls back and replays that answer. */
export class IdempotencyRace extends ApiError {
  constructor() {
    super('idempotency_in_progress', 'A request with this Idempotency-Key committed first');
  }
}

/** JSON with its object keys sorted, so bodies compare as parsed JSON, not as bytes. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function canonicalBody(text: string): string {
  if (text === '') return '';
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return text;
  }
}

const thisKey = (claim: Pick<IdempotencyClaim, 'organizationId' | 'key'>) =>
  and(eq(idempotencyKeys.organizationId, claim.organizationId), eq(idempotencyKeys.key, claim.key));

/**
 * Stores a request's answer under its key, in one statement: a new record, or one replacing a record
 * that has expired. False when a live record exists: another request with the key got there first.
 * Called inside a write's transaction, a concurrent duplicate waits here on the first one's row and
 * then sees it, so of racing duplicates exactly one commits.
 */
export async function storeAnswer(
  db: Executor,
  claim: IdempotencyClaim,
  answer: { status: number; body: string; now: Date },
): Promise<boolean> {
  const expiredBefore = new Date(answer.now.getTime() - IDEMPOTENCY_TTL_MS);
  const stored = await db
    .insert(idempotencyKeys)
    .values({
      organizationId: claim.organizationId,
      key: claim.key,
      requestHash: claim.requestHash,
      status: 'completed',
      responseStatus: answer.status,
      responseBody: answer.body,
      createdAt: answer.now,
      completedAt: answer.now,
    })
    .onConflictDoUpdate({
      target: [idempotencyKeys.organizationId, idempotencyKeys.key],
      set: {
        requestHash: sql`excluded.request_hash`,
        status: sql`excluded.status`,
        responseStatus: sql`excluded.response_status`,
        responseBody: sql`excluded.response_body`,
        createdAt: sql`excluded.created_at`,
        completedAt: sql`excluded.completed_at`,
      },
      setWhere: lt(idempotencyKeys.createdAt, expiredBefore),
    })
    .returning({ key: idempotencyKeys.key });
  claim.stored = stored.length > 0;
  return claim.stored;
}

/** The live record of a key, or null (an expired record counts as none). */
async function findAnswer(db: Executor, claim: Pick<IdempotencyClaim, 'organizationId' | 'key'>, now: Date) {
  const [existing] = await db.select().from(idempotencyKeys).where(thisKey(claim)).limit(1);
  if (!existing || existing.createdAt.getTime() < now.getTime() - IDEMPOTENCY_TTL_MS) return null;
  return existing;
}

function replay(c: Context<AppEnv>, existing: typeof idempotencyKeys.$inferSelect, requestHash: string) {
  if (existing.requestHash !== requestHash) {
    throw new ApiError('idempotency_mismatch', 'This Idempotency-Key was used with a different request');
  }
  if (existing.status !== 'completed') {
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

/**
 * `Idempotency-Key` on POST and PATCH, scoped to the organisation and to the caller's kind
 * (publishable and secret callers have separate key spaces). A key seen before replays its
 * answer (422 when method, path or parsed body differ). A new key is stored with its answer:
 * by the write itself, inside the write's transaction (`write()` in routes/openapi.ts), so a crash
 * leaves either nothing or the change with its replayable answer; routes that write nothing store
 * it after answering.
 */
export const idempotency = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== 'POST' && c.req.method !== 'PATCH') return next();
    const header = c.req.header('idempotency-key');
    if (header === undefined) return next();
    if (!KEY_PATTERN.test(header)) {
      throw new ApiError('validation_error', 'Invalid Idempotency-Key', {
        'Idempotency-Key': ['Use 1 to 255 printable ASCII characters'],
      });
    }
    const { db, clock } = c.var.deps;
    const { organizationId, keyType } = c.var.auth;
    const url = new URL(c.req.url);
    const claim: IdempotencyClaim = {
      organizationId,
      key: `${keyType === 'publishable' ? 'public' : 'api'}:${header}`,
      requestHash: sha256Hex(
        `${c.req.method}\n${url.pathname}${url.search}\n${canonicalBody(await c.req.text())}`,
      ),
      stored: false,
    };
    const existing = await findAnswer(db, claim, clock());
    if (existing) return replay(c, existing, claim.requestHash);

    c.set('idempotency', claim);
    await next();
    if (c.error instanceof IdempotencyRace) {
      const winner = await findAnswer(db, claim, clock());
      if (!winner)
        throw new ApiError('idempotency_in_progress', 'Retry: a request with this key just failed');
      c.res = replay(c, winner, claim.requestHash);
      return;
    }
    // A thrown failure rolls the request's transaction back (`tenantTransaction`), and any answer
    // stored in it with it: such answers are not kept, so none is written.
    const keep = !c.error && c.res.status < 500 && !RETRYABLE_STATUSES.has(c.res.status);
    if (keep && !claim.stored) {
      await storeAnswer(db, claim, { status: c.res.status, body: await c.res.clone().text(), now: clock() });
    }
  });
