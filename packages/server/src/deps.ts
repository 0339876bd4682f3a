import { randomUUID } from 'node:crypto';
import type { AppDeps } from './context.js';
import type { Database } from './db/database.js';
import { sha256Hex } from './services/api-keys.js';
import { createScorerCache } from './services/scoring/scorer-cache.js';

/**
 * The production dependencies around a database: wall clock, random UUIDs, sha256 key hashes, and
 * a scorer cache of its own.
 */
export const defaultDeps = (db: Database): AppDeps => ({
  db,
  clock: () => new Date(),
  newId: randomUUID,
  hashKey: sha256Hex,
  scorers: createScorerCache(),
});
