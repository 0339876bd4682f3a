import type { Executor } from '../db/database.js';
import { keyIsLive } from './api-key-store.js';
import { findKeyByHash, type ResolvedKey } from './api-keys.js';
import { organizationRegion } from './organizations.js';

/**
 * How long a key lookup is trusted. Revoking a key (or changing its origins) reaches every other
 * instance within this time; the instance that made the change forgets its cache at once.
 */
export const KEY_CACHE_MS = 4_000;
/** Regions change only through the CLI; a minute is soon enough. */
const REGION_CACHE_MS = 60_000;
const MAX_ENTRIES = 10_000;

/** A small time-bounded map: entries older than `ttlMs` are looked up again; the oldest go first. */
function timedCache<V>(ttlMs: number) {
  const entries = new Map<string, { value: V; at: number }>();
  return {
    async get(key: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
      const now = performance.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = await load();
      entries.delete(key);
      if (keep(value)) {
        entries.set(key, { value, at: now });
        if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      }
      return value;
    },
    clear: () => entries.clear(),
  };
}

/**
 * Per-app caches of what every request looks up (its key, a session's key, the organisation's
 * phone region), so the write path does not spend a round trip on each.
 */
export interface Lookups {
  /** The live key with this hash, or null (misses are not cached: a new key works at once). */
  key(hash: string): Promise<ResolvedKey | null>;
  /** Whether the key a session was minted from is still live. */
  keyIsLive(id: string): Promise<boolean>;
  /** Read through `db` on a miss: inside a transaction, pass it (PGlite has one connection). */
  region(db: Executor, organizationId: string): Promise<string>;
  /** Called after this instance revokes or changes a key, so it never serves the old one. */
  forgetKeys(): void;
}

export function createLookups(db: Executor): Lookups {
  const keys = timedCache<ResolvedKey | null>(KEY_CACHE_MS);
  const liveKeys = timedCache<boolean>(KEY_CACHE_MS);
  const regions = timedCache<string>(REGION_CACHE_MS);
  return {
    key: (hash) =>
      keys.get(
        hash,
        () => findKeyByHash(db, hash),
        (key) => key !== null,
      ),
    keyIsLive: (id) => liveKeys.get(id, () => keyIsLive(db, id)),
    region: (executor, organizationId) =>
      regions.get(organizationId, () => organizationRegion(executor, organizationId)),
    forgetKeys() {
      keys.clear();
      liveKeys.clear();
    },
  };
}
