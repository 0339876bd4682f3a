import { type DatabaseOptions, openMigrated } from './options.js';

export async function migrateCommand(options: DatabaseOptions) {
  const handle = await openMigrated(options);
  await handle.close();
  console.log(`Migrations applied to ${handle.location}.`);
}
