import { defaultDeps } from '../deps.js';
import { createOrganization } from '../services/organizations.js';
import { type DatabaseOptions, openMigrated } from './options.js';

export interface OrgCreateOptions extends DatabaseOptions {
  name: string;
  origins?: string[];
  region?: string;
}

/** Prints `{"organization_id","secret_key","publishable_key"}`: the only time the keys are shown. */
export async function orgCreateCommand(options: OrgCreateOptions) {
  const handle = await openMigrated(options);
  try {
    const created = await createOrganization(defaultDeps(handle.db), {
      name: options.name,
      allowedOrigins: options.origins ?? [],
      defaultRegion: options.region,
    });
    console.log(JSON.stringify(created));
  } finally {
    await handle.close();
  }
}
