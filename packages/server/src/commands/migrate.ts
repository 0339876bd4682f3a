import { type DatabaseOptions, openMigrated } from './options.js';

export async function migrateCommand(options: DatabaseOptions) {
  const handle = await openMigrated(options);
  await handle.close();
  // "Up to date" rather than "applied": logged in as hidden_key_app without
  // DATABASE_MIGRATION_URL, the server may only check the schema, never change it.
  console.log(`The schema of ${handle.location} is up to date.`);
}
