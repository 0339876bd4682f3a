import { type DatabaseOptions, openMigrated } from './options.js';

export async function migrateCommand(options: DatabaseOptions) {
  const handle = await openMigrated(options);
  await handle.close();
  // Logged in as hidden_key_app without DATABASE_MIGRATION_URL, the server only checks the schema
  // (0 applied): "up to date" is then all it can say.
  const applied = handle.appliedMigrations;
  console.log(
    applied === 0
      ? `The schema of ${handle.location} was already up to date.`
      : `Applied ${applied} migration${applied === 1 ? '' : 's'}: the schema of ${handle.location} is up to date.`,
  );
}
