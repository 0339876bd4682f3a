import { type Command, Option } from 'commander';
import type { HiddenKeyCore } from '../client/client.js';
import type { ApiKey } from '../schemas/index.js';

const originList = (value: string) =>
  value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);

const row = (key: ApiKey) =>
  [
    key.id,
    key.type.padEnd(11),
    key.prefix.padEnd(11),
    (key.revoked_at ? `revoked ${key.revoked_at}` : 'live').padEnd(32),
    key.name ?? '',
    key.allowed_origins.join(','),
  ].join('  ');

/**
 * `hidden-key keys list|create|update|revoke`: key management over HTTP, so it works while a
 * server holds the database. Output is JSON with `--json`, one line per key otherwise.
 */
export function registerKeyCommands(
  program: Command,
  client: () => HiddenKeyCore,
  stdout: NodeJS.WritableStream,
) {
  const keys = program.command('keys').description('Manage API keys (needs a secret key)');
  const print = (value: unknown) => {
    stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  };

  keys
    .command('list')
    .description('List the organisation’s keys (never the keys themselves)')
    .addOption(new Option('--type <type>', 'only keys of this type').choices(['publishable', 'secret']))
    .option('--live', 'leave revoked keys out')
    .option('--json', 'print JSON')
    .action(async (flags) => {
      const list = await client()
        .apiKeys.list({ type: flags.type, include_revoked: flags.live ? false : undefined })
        .toArray();
      if (flags.json) print(list);
      else for (const key of list) stdout.write(`${row(key)}\n`);
    });

  keys
    .command('create')
    .description('Issue a key and print it as JSON: the only time the key is shown')
    .addOption(
      new Option('--type <type>', 'key type').choices(['publishable', 'secret']).makeOptionMandatory(),
    )
    .option('--origins <list>', 'comma-separated origins a publishable key may be used from', originList)
    .option('--name <name>', 'what the key is for')
    .action(async (flags) => {
      print(
        await client().apiKeys.create({ type: flags.type, allowed_origins: flags.origins, name: flags.name }),
      );
    });

  keys
    .command('update <id>')
    .description('Rename a key or replace a publishable key’s allowed origins')
    .option('--origins <list>', 'comma-separated origins (replaces the list)', originList)
    .option('--name <name>', 'new name')
    .action(async (id: string, flags) => {
      print(await client().apiKeys.update(id, { allowed_origins: flags.origins, name: flags.name }));
    });

  keys
    .command('revoke <id>')
    .description('Revoke a key on every server at once, with the sessions minted from it')
    .action(async (id: string) => {
      print(await client().apiKeys.revoke(id));
    });
}
