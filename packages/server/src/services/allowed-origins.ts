import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { apiKeys } from '../db/schema.js';
import { validationError } from '../errors.js';

/**
 * An origin as browsers send it (`https://a.example`, `http://localhost:8787`): scheme, host and
 * port only, lower-cased, default ports dropped. Anything else (paths, wildcards) is refused.
 */
export function normalizeOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`Not an origin: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`Not an http(s) origin: ${value}`);
  // One origin per entry: a wildcard would admit hosts no one listed (and URL reads `*` as a host).
  if (value.includes('*')) throw new Error(`List each origin in full; wildcards are not allowed: ${value}`);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error(`Give only scheme, host and port (e.g. ${url.origin}), not: ${value}`);
  }
  return url.origin;
}

/** Origins normalised and deduplicated; any that is not an origin is a `validation_error`. */
export function checkedOrigins(origins: readonly string[]): string[] {
  const problems: string[] = [];
  const normalized = origins.flatMap((origin) => {
    try {
      return [normalizeOrigin(origin)];
    } catch (error) {
      problems.push((error as Error).message);
      return [];
    }
  });
  if (problems.length) throw validationError({ allowed_origins: problems }, problems.join('; '));
  return [...new Set(normalized)];
}

/** Whether any live publishable key lists this origin: what a CORS preflight, which carries no key, can know. */
export async function originAllowedByAnyKey(db: Executor, origin: string): Promise<boolean> {
  const [row] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.type, 'publishable'),
        isNull(apiKeys.revokedAt),
        sql`${apiKeys.allowedOrigins} @> array[${origin}]::text[]`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

const CACHE_TTL_MS = 30_000;
const CACHE_MAX_ENTRIES = 10_000;

/**
 * `originAllowedByAnyKey` remembered for 30 s per origin, so preflights and the CORS headers of
 * every capture request cost no query. A key's own allow-list is still checked, uncached, by the
 * publishable-key auth; this cache only decides whether a browser may read the answer.
 */
export function cachedOriginCheck(db: Executor, now: () => number = Date.now) {
  const cache = new Map<string, { allowed: boolean; expiresAt: number }>();
  return async (origin: string): Promise<boolean> => {
    const hit = cache.get(origin);
    if (hit && hit.expiresAt > now()) return hit.allowed;
    const allowed = await originAllowedByAnyKey(db, origin);
    if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
    cache.set(origin, { allowed, expiresAt: now() + CACHE_TTL_MS });
    return allowed;
  };
}
