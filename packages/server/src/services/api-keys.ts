import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { apiKeys } from '../db/schema.js';
import { withOrganization } from '../db/tenant.js';

export type KeyType = 'secret' | 'publishable';

const KEY_PREFIX: Record<KeyType, string> = { secret: 'sk_', publishable: 'pk_' };

/** sha256 of the key: keys are random and long, so a fast hash is enough and lookups stay O(1). */
export const sha256Hex = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new key: `sk_` or `pk_` followed by 32 random bytes in base64url. */
export function generateKey(type: KeyType): { key: string; prefix: string } {
  const key = `${KEY_PREFIX[type]}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 11) };
}

export interface ResolvedKey {
  id: string;
  organizationId: string;
  type: KeyType;
  allowedOrigins: string[];
  lastUsedAt: Date | null;
}

/** The live key with this hash, or null for an unknown or revoked key. */
export async function findKeyByHash(db: Executor, hash: string): Promise<ResolvedKey | null> {
  const [row] = await db
    .select({
      id: apiKeys.id,
      organizationId: apiKeys.organizationId,
      type: apiKeys.type,
      allowedOrigins: apiKeys.allowedOrigins,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row ?? null;
}

/** Touching last_used_at at most once a minute keeps a write off every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function touchKey(db: Executor, key: ResolvedKey, now: Date) {
  const previous = key.lastUsedAt;
  if (previous && now.getTime() - previous.getTime() < LAST_USED_RESOLUTION_MS) return;
  // The key may be a cached lookup that requests in flight share: remember the touch before the
  // write, so they skip it rather than queue behind one another on the key's row (16 at a time
  // under load, each waiting for the one before it to commit).
  key.lastUsedAt = now;
  try {
    // Before the request's transaction: the key's organisation scopes the write (a savepoint in one).
    await withOrganization(db, key.organizationId, (tx) =>
      tx.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, key.id)),
    );
  } catch (error) {
    if (key.lastUsedAt === now) key.lastUsedAt = previous;
    throw error;
  }
}

/**
 * Whether this hash is a key that was revoked: a refused key is told apart from one that never
 * existed, so the page holding it can say which (a key is 32 random bytes: nobody learns anything
 * by guessing).
 */
export async function isRevokedKey(db: Executor, hash: string): Promise<boolean> {
  const [row] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash), isNotNull(apiKeys.revokedAt)))
    .limit(1);
  return row !== undefined;
}
