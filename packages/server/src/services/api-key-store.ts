import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../db/database.js';
import { apiKeys } from '../db/schema.js';
import { ApiError, notFound } from '../errors.js';
import { checkKeyOrigins } from './issue-key.js';
import { afterCursor, newestFirst, orderByKeyset } from './pagination.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export const NEWEST_KEYS_FIRST = newestFirst(apiKeys, (row: ApiKeyRow) => row.createdAt);

const scoped = (organizationId: string, id: string) =>
  and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.id, id));

export interface KeyListFilter {
  type?: 'publishable' | 'secret';
  includeRevoked?: boolean;
  cursor?: string;
  limit: number;
}

/** One page (plus one row, to know whether another follows) of an organisation's keys. */
export function listKeys(db: Executor, organizationId: string, filter: KeyListFilter) {
  return db
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.organizationId, organizationId),
        filter.type ? eq(apiKeys.type, filter.type) : undefined,
        filter.includeRevoked === false ? isNull(apiKeys.revokedAt) : undefined,
        afterCursor(NEWEST_KEYS_FIRST, filter.cursor),
      ),
    )
    .orderBy(...orderByKeyset(NEWEST_KEYS_FIRST))
    .limit(filter.limit + 1);
}

export async function getKey(db: Executor, organizationId: string, id: string): Promise<ApiKeyRow> {
  const [row] = await db.select().from(apiKeys).where(scoped(organizationId, id)).limit(1);
  if (!row) throw notFound('API key');
  return row;
}

export interface KeyChanges {
  allowedOrigins?: readonly string[];
  name?: string | null;
}

/** Renames a key or changes a publishable key's origins; a revoked key stays as it was. */
export async function updateKey(
  db: Database,
  organizationId: string,
  id: string,
  changes: KeyChanges,
): Promise<ApiKeyRow> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(apiKeys).where(scoped(organizationId, id)).for('update');
    if (!existing) throw notFound('API key');
    if (existing.revokedAt) throw new ApiError('conflict', 'A revoked key cannot be changed');
    const allowedOrigins =
      changes.allowedOrigins === undefined
        ? undefined
        : checkKeyOrigins(existing.type, changes.allowedOrigins);
    if (allowedOrigins === undefined && changes.name === undefined) return existing;
    const [row] = await tx
      .update(apiKeys)
      .set({ allowedOrigins, name: changes.name })
      .where(eq(apiKeys.id, id))
      .returning();
    return row!;
  });
}

/**
 * Revokes a key (once: revoking again keeps the first time). Every instance looks keys up in the
 * database on each request, and sessions check the key that minted them, so the key and its
 * sessions stop working everywhere at once.
 */
export async function revokeKey(db: Executor, organizationId: string, id: string, now: Date) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(scoped(organizationId, id), isNull(apiKeys.revokedAt)))
    .returning();
  return row ?? getKey(db, organizationId, id);
}

/** Whether the key a session was minted from is still live (not revoked, not deleted). */
export async function keyIsLive(db: Executor, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row !== undefined;
}
