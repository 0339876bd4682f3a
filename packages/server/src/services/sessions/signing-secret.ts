import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { serverSettings } from '../../db/schema.js';

const SETTING = 'session_signing_secret';

/**
 * The HS256 key for session tokens: the configured secret, or else one generated on first use
 * and stored in `server_settings`, so every instance on the database (and every restart on a
 * PGlite data folder) signs and verifies with the same key. Read once per app.
 */
export function sessionSigningKey(db: Database, configured?: string): () => Promise<Uint8Array> {
  let key: Promise<Uint8Array> | undefined;
  const load = async () => {
    if (configured) return new TextEncoder().encode(configured);
    await db
      .insert(serverSettings)
      .values({ name: SETTING, value: randomBytes(32).toString('base64url') })
      .onConflictDoNothing();
    const [row] = await db.select().from(serverSettings).where(eq(serverSettings.name, SETTING));
    return new TextEncoder().encode(row!.value);
  };
  return () => {
    key ??= load().catch((error) => {
      key = undefined;
      throw error;
    });
    return key;
  };
}
