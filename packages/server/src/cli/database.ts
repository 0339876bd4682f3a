import type { DatabaseHandle } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import type { CliIo } from './io.js';

/** The PGlite folder when neither `--data-dir` nor `HK_DATA_DIR` names one. */
export const DEFAULT_DATA_DIR = '.hk-data';

export interface DatabaseOptions {
  dataDir?: string;
}

/**
 * Opens PostgreSQL when `DATABASE_URL` is set, else PGlite in the data folder; migrates it, runs
 * `use`, and closes it whatever happens.
 */
export async function withDatabase<T>(
  options: DatabaseOptions,
  io: CliIo,
  use: (handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase({
    databaseUrl: io.env.DATABASE_URL || undefined,
    dataDir: options.dataDir ?? io.env.HK_DATA_DIR ?? DEFAULT_DATA_DIR,
  });
  try {
    await handle.migrate();
    return await use(handle);
  } finally {
    await handle.close();
  }
}
