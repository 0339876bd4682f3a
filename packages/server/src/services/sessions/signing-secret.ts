import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.js';
import { serverSettings } from '../../db/schema.js';

const SETTING = 'session_signing_secret';

/**
 * The HS256 key for session tokens: the configured secret, or else one generated on first use
 * and stored in `server_settings`, so every instance on the database (and every restart on a
 * PGlite data folder) signs and verifies with the same key. Read once per app, through the
 * executor given on the first call when there is one: a request's transaction holds PGlite's only
 * connection, so reading through the app's database from inside it would wait forever.
 */
export function sessionSigningKey(
  database: Database,
  configured?: string,
): (executor?: Executor) => Promise<Uint8Array> {
  let key: Promise<Uint8Array> | undefined;
  const load = async (db: Executor) => {
    if (configured) return new TextEncoder().encode(configured);
    await db
      .insert(serverSettings)
      .values({ name: SETTING, value: randomBytes(32).toString('base64url') })
      .onConflictDoNothing();
    const [row] = await db.select().from(serverSettings).where(eq(serverSettings.name, SETTING));
    return new TextEncoder().encode(row!.value);
  };
  return (executor = database) => {
    key ??= load(executor).catch((error) => {
      key = undefined;
      throw error;
    });
    return key;
  };
}
