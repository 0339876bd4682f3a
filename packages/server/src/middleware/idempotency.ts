import { IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_KEY_RULE } from '@hidden-key/sdk/schemas';
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import pg from 'pg';
import type { AppEnv } from '../context.js';
import { runAtCommit, runStatement, runWithBegin } from '../db/batch.js';
import type { Database, Executor } from '../db/database.js';
import { idempotencyKeys } from '../db/schema.js';
import { compileStatement } from '../db/statements.js';
import { withOrganization } from '../db/tenant.js';
import { ApiError } from '../errors.js';
import { sha256Hex } from '../services/api-keys.js';
import { bearerToken } from './auth.js';
import { databaseErrorOf } from './errors.js';
import { openAnswer, sealAnswer } from './sealed-answers.js';

/** A stored response is replayed for this long; the retention sweep deletes older records. */
export const IDEMPOTENCY_TTL_MS = 48 * 60 * 60 * 1000;
/** When a record made before this is expired. */
const liveSince = (now: Date) => new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString();
/** Failures a caller fixes and retries with the same key: these are not kept. */
const RETRYABLE_STATUSES = new Set([400, 401, 403, 413, 415, 429]);

/**
 * When a route's `Idempotency-Key` is checked. `before`: its record is looked up before the handler
 * runs, in a round trip of its own. `at-commit`: the handler runs at once and the key is settled by
 * its answer's INSERT at the commit; a key already taken fails that INSERT, the transaction rolls
 * back and the stored answer is replayed. A round trip less per keyed request, but a replay runs
 * the handler: only for routes whose every effect is in the request's transaction (no call out).
 */
export type KeyCheck = 'before' | 'at-commit';

/** The request an `Idempotency-Key` names, held in `c.get('idempotency')` until its answer is stored. */
export interface IdempotencyClaim {
  organizationId: string;
  /** The key as stored: its caller's key space (`public:` or `api:`) and the header. */
  key: string;
  requestHash: string;
  check: KeyCheck;
  /** The caller's credential, which seals an answer that holds a secret (`answerHoldsSecret`); never stored. */
  credential: string;
  /** Set by `answerHoldsSecret`: the answer is stored sealed. */
  sealed?: boolean;
  /** Set once the answer is in the request's transaction, to be stored with its commit (`storeAnswer`). */
  stored: boolean;
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

/**
 * A request's answer under its key, after deleting the key's expired record if there is one. When a
 * live record exists (another request with the key committed first) the INSERT fails on the primary
 * key, and the transaction with it. The INSERT reads the DELETE's count, so the DELETE has finished
 * first, and a row this statement deleted does not conflict with the new one.
 */
const insertAnswer = compileStatement<
  'organizationId' | 'key' | 'requestHash' | 'status' | 'body' | 'now' | 'liveSince'
>(
  (value) => sql`
    with expired as (
      delete from ${idempotencyKeys}
      where ${idempotencyKeys.organizationId} = ${value('organizationId')} and ${idempotencyKeys.key} = ${value('key')}
        and ${idempotencyKeys.createdAt} < ${value('liveSince')}::timestamptz
      returning 1
    )
    insert into ${idempotencyKeys} (organization_id, key, request_hash, status, response_status, response_body,
                                    created_at, completed_at)
    select ${value('organizationId')}, ${value('key')}, ${value('requestHash')}, 'completed', ${value('status')},
           ${value('body')}, ${value('now')}::timestamptz, ${value('now')}::timestamptz
    from (select count(*) from expired) as cleared`,
);
const ANSWER_KEY_CONSTRAINT = 'idempotency_keys_organization_id_key_pk';

/**
 * Stores a request's answer under its key, inside the request's transaction: on PostgreSQL written
 * with the COMMIT, in the same round trip (`runAtCommit`). A duplicate that ran while the first one
 * was running has been answered 409 (`holdKey`); one that came after the first committed, and did
 * not look the key up (`at-commit`), fails this INSERT, which rolls its change back
 * (`replayRaceWinner` answers it with the first one's answer).
 */
export async function storeAnswer(
  db: Executor,
  claim: IdempotencyClaim,
  answer: { status: number; body: string; now: Date },
): Promise<void> {
  await runAtCommit(
    db,
    insertAnswer({
      organizationId: claim.organizationId,
      key: claim.key,
      requestHash: claim.requestHash,
      status: answer.status,
      body: claim.sealed ? sealAnswer(answer.body, claim.credential, claim.key) : answer.body,
      now: answer.now.toISOString(),
      liveSince: liveSince(answer.now),
    }),
  );
  claim.stored = true;
}

/**
 * Marks the request's answer as holding a secret shown once (a new API key, a webhook secret, a
 * session token), so its replayable copy is stored sealed with the caller's credential: unreadable
 * at rest, replayed to that credential only. Other answers stay plain, where erasure finds a person.
 */
export function answerHoldsSecret(c: Context<AppEnv>) {
  const claim = c.get('idempotency');
  if (claim) claim.sealed = true;
}

/**
 * Holds the key for as long as the request's transaction runs (migration 0023: a transaction-scoped
 * advisory lock on the database, so every instance sees it). A duplicate that comes meanwhile fails
 * here with SQLSTATE HKI01, answered `409 idempotency_in_progress`, instead of waiting for the first.
 * It travels with the transaction's BEGIN: no round trip of its own.
 */
const holdKey = (db: Executor, claim: IdempotencyClaim) =>
  runWithBegin(
    db,
    `select hk_hold_idempotency_key(${pg.escapeLiteral(`idempotency:${claim.organizationId}:${claim.key}`)})`,
  );

/** Whether `error` is the failed INSERT of an answer whose key another request holds. */
function isAnswerTaken(error: unknown): boolean {
  const failure = databaseErrorOf(error);
  return failure?.code === '23505' && failure.constraint === ANSWER_KEY_CONSTRAINT;
}

interface StoredAnswer {
  requestHash: string;
  status: 'in_progress' | 'completed';
  responseStatus: number | null;
  responseBody: string | null;
}

/** The live record of a key (one younger than the TTL), or no row; an expired one is left to `insertAnswer`. */
const selectAnswer = compileStatement<'organizationId' | 'key' | 'liveSince'>(
  (value) => sql`
    select request_hash, status, response_status, response_body from ${idempotencyKeys}
    where ${idempotencyKeys.organizationId} = ${value('organizationId')} and ${idempotencyKeys.key} = ${value('key')}
      and ${idempotencyKeys.createdAt} >= ${value('liveSince')}::timestamptz`,
);

/** The live record of a key, or null (an expired record counts as none). */
async function findAnswer(
  db: Executor,
  claim: Pick<IdempotencyClaim, 'organizationId' | 'key'>,
  now: Date,
): Promise<StoredAnswer | null> {
  const { rows } = await runStatement(
    db,
    selectAnswer({
      organizationId: claim.organizationId,
      key: claim.key,
      liveSince: liveSince(now),
    }),
  );
  const row = rows[0] as
    | {
        request_hash: string;
        status: StoredAnswer['status'];
        response_status: number | null;
        response_body: string | null;
      }
    | undefined;
  return row
    ? {
        requestHash: row.request_hash,
        status: row.status,
        responseStatus: row.response_status,
        responseBody: row.response_body,
      }
    : null;
}

function replay(c: Context<AppEnv>, existing: StoredAnswer, claim: IdempotencyClaim) {
  if (existing.requestHash !== claim.requestHash) {
    throw new ApiError('idempotency_mismatch', 'This Idempotency-Key was used with a different request');
  }
  if (existing.status !== 'completed') {
    throw new ApiError('idempotency_in_progress', 'A request with this Idempotency-Key is still running');
  }
  const stored = existing.responseBody;
  const body = stored === null ? null : openAnswer(stored, claim.credential, claim.key);
  if (stored !== null && body === null) {
    throw new ApiError('idempotency_mismatch', 'This Idempotency-Key was used by another API key or session');
  }
  return new Response(body, {
    status: existing.responseStatus ?? 200,
    headers: {
      'content-type': 'application/json',
      'idempotent-replayed': 'true',
      'x-request-id': c.get('requestId'),
    },
  });
}

/**
 * `Idempotency-Key` on POST and PATCH, scoped to the organisation and to the caller's kind
 * (publishable and secret callers have separate key spaces). A key seen before replays its
 * answer (422 when method, path or parsed body differ), checked `before` the handler or
 * `at-commit` (`KeyCheck`); a key whose first request is still running answers 409 (`holdKey`). A new key is stored with its answer: by the write itself, inside the
 * write's transaction (`write()` in routes/openapi.ts), so a crash leaves either nothing or the
 * change with its replayable answer; routes that write nothing store it after answering.
 */
export const idempotency = (check: KeyCheck = 'before') =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== 'POST' && c.req.method !== 'PATCH') return next();
    const header = c.req.header('idempotency-key');
    if (header === undefined) return next();
    if (!IDEMPOTENCY_KEY_PATTERN.test(header)) {
      throw new ApiError('validation_error', 'Invalid Idempotency-Key', {
        'Idempotency-Key': [IDEMPOTENCY_KEY_RULE],
      });
    }
    const { db, clock } = c.get('deps');
    const { organizationId, keyType } = c.get('auth');
    const url = new URL(c.req.url);
    const claim: IdempotencyClaim = {
      organizationId,
      key: `${keyType === 'publishable' ? 'public' : 'api'}:${header}`,
      requestHash: sha256Hex(
        `${c.req.method}\n${url.pathname}${url.search}\n${canonicalBody(await c.req.text())}`,
      ),
      check,
      credential: bearerToken(c.req.header('authorization')) ?? '',
      stored: false,
    };
    await holdKey(db, claim);
    if (check === 'before') {
      const existing = await findAnswer(db, claim, clock());
      if (existing) return replay(c, existing, claim);
    }

    c.set('idempotency', claim);
    await next();
    // A thrown failure rolls the request's transaction back (`tenantTransaction`), and any answer
    // stored in it with it: such answers are not kept, so none is written.
    const keep = !c.error && c.res.status < 500 && !RETRYABLE_STATUSES.has(c.res.status);
    if (keep && !claim.stored) {
      await storeAnswer(db, claim, { status: c.res.status, body: await c.res.clone().text(), now: clock() });
    }
  });

/**
 * The answer to a failed request whose key another request holds: `error`, what failed its
 * transaction, is the INSERT of its answer (a duplicate with the same key committed first), or,
 * for a key checked `at-commit`, any failure (a replay that the handler rejected, say, because the
 * first request changed what it checks). It gets the first one's answer, read in a transaction of
 * its own (its own has rolled back). Undefined when no request holds the key, or for any other
 * failure of a key checked `before`.
 */
export async function replayRaceWinner(
  c: Context<AppEnv>,
  error: unknown,
  db: Database,
): Promise<Response | undefined> {
  const claim = c.get('idempotency');
  if (!claim) return undefined;
  const taken = isAnswerTaken(error);
  if (!taken && claim.check === 'before') return undefined;
  const lookUp = withOrganization(db, claim.organizationId, (tx) =>
    findAnswer(tx, claim, c.get('deps').clock()),
  );
  // Failing to look (the database gone), the request's own failure is the answer.
  const winner = taken ? await lookUp : await lookUp.catch(() => null);
  if (winner) return replay(c, winner, claim);
  if (taken) throw new ApiError('idempotency_in_progress', 'Retry: a request with this key just failed');
  return undefined;
}
