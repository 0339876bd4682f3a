import { scopedDatabase } from '../db/scoped-database.js';
import { defaultDeps } from '../deps.js';
import type { KeyType } from '../services/api-keys.js';
import { issueApiKey } from '../services/issue-key.js';
import { type DatabaseOptions, openMigrated } from './options.js';

export interface KeyCreateOptions extends DatabaseOptions {
  org: string;
  type: KeyType;
  origins?: string[];
}

/** Prints `{"id","organization_id","type","key","prefix","allowed_origins"}`: the only time the key is shown. */
export async function keyCreateCommand(options: KeyCreateOptions) {
  const handle = await openMigrated(options);
  try {
    const issued = await issueApiKey(defaultDeps(scopedDatabase(handle.db, options.org)), {
      organizationId: options.org,
      type: options.type,
      allowedOrigins: options.origins ?? [],
    });
    console.log(JSON.stringify(issued));
  } finally {
    await handle.close();
  }
}
