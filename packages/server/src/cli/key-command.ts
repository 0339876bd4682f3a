import { Command, Option } from 'commander';
import { openDatabase } from '../db/open.js';
import { defaultDeps } from '../deps.js';
import { issueApiKey } from '../services/issue-key.js';
import { databaseOptionsFromEnv } from './runtime-env.js';

const splitOrigins = (value: string) =>
  value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);

/** `hk-server key create --org ID --type publishable --origins https://a.example,https://b.example` */
export function keyCommand(): Command {
  const key = new Command('key').description('manage API keys');
  key
    .command('create')
    .description('issue a key for an organisation and print it once, as JSON')
    .requiredOption('--org <id>', 'organisation id')
    .addOption(
      new Option('--type <type>', 'key type').choices(['publishable', 'secret']).makeOptionMandatory(),
    )
    .option(
      '--origins <list>',
      'comma-separated origins a publishable key may be used from',
      splitOrigins,
      [],
    )
    .action(async (options: { org: string; type: 'publishable' | 'secret'; origins: string[] }) => {
      const handle = await openDatabase(databaseOptionsFromEnv());
      try {
        await handle.migrate();
        const issued = await issueApiKey(defaultDeps(handle.db), {
          organizationId: options.org,
          type: options.type,
          allowedOrigins: options.origins,
        });
        console.log(JSON.stringify(issued));
      } finally {
        await handle.close();
      }
    });
  return key;
}
