#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { parseWorkerCount } from './cluster/worker-count.js';
import { demoCommand } from './commands/demo.js';
import { jobsListCommand, parseJobState, parseLimit } from './commands/jobs-list.js';
import { keyCreateCommand } from './commands/key-create.js';
import { migrateCommand } from './commands/migrate.js';
import { modelRetrainCommand } from './commands/model-retrain.js';
import { modelTrainCommand, parseMinPerClass, parseOrganizationId } from './commands/model-train.js';
import { parsePort } from './commands/options.js';
import { orgCreateCommand } from './commands/org-create.js';
import { serveCommand } from './commands/serve.js';
import { parseConcurrency, workerCommand } from './commands/worker.js';
import { DatabaseOpenError } from './db/database.js';
import { SERVER_VERSION } from './version.js';

const dataDirOption = [
  '--data-dir <dir>',
  'PGlite data folder (default: HK_DATA_DIR or ./.hk-data); ignored when DATABASE_URL is set',
] as const;
const portOption = ['--port <n>', 'port to listen on (default: PORT or 8787)', parsePort] as const;
const hostOption = ['--host <host>', 'interface to bind', '0.0.0.0'] as const;
const parseOrigins = (value: string) =>
  value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);

const program = new Command('hk-server')
  .description('Hidden Key API server: PGlite in a data folder, or PostgreSQL when DATABASE_URL is set.')
  .version(SERVER_VERSION)
  .showHelpAfterError()
  .exitOverride();

program
  .command('migrate')
  .description('apply the database migrations')
  .option(...dataDirOption)
  .action(migrateCommand);

program
  .command('org')
  .description('manage organisations')
  .command('create')
  .description('create an organisation and print its keys as JSON (shown once)')
  .requiredOption('--name <name>', 'organisation name')
  .option(
    '--origins <list>',
    'comma-separated origins allowed to use the publishable key (default: none)',
    parseOrigins,
  )
  .option('--region <code>', 'default phone region, ISO 3166 alpha-2', 'US')
  .option(...dataDirOption)
  .action(orgCreateCommand);

program
  .command('key')
  .description('manage API keys')
  .command('create')
  .description('issue a key for an organisation and print it as JSON (shown once)')
  .requiredOption('--org <id>', 'organisation id', parseOrganizationId)
  .addOption(new Option('--type <type>', 'key type').choices(['publishable', 'secret']).makeOptionMandatory())
  .option('--origins <list>', 'comma-separated origins a publishable key may be used from', parseOrigins)
  .option(...dataDirOption)
  .action(keyCreateCommand);

program
  .command('serve')
  .description('serve the API')
  .option(...portOption)
  .option(...hostOption)
  .option('--no-worker', 'do not run background jobs in this process (run `hk-server worker` instead)')
  .option(
    '--workers <n>',
    'HTTP worker processes sharing the port, or auto for one per core (default: WEB_CONCURRENCY or 1); PostgreSQL only',
    parseWorkerCount,
  )
  .option(...dataDirOption)
  .action(serveCommand);

program
  .command('worker')
  .description(
    'run background jobs (webhook deliveries, enrichment, …) until stopped; run as many as you like',
  )
  .option('--concurrency <n>', 'jobs run at once (default: HK_WORKER_CONCURRENCY or 4)', parseConcurrency)
  .option(...dataDirOption)
  .action(workerCommand);

program
  .command('jobs')
  .description('background jobs')
  .command('list')
  .description('print the latest jobs as JSON, newest change first')
  .option('--failed', 'only dead-lettered jobs (their last try failed)')
  .option('--state <state>', 'only jobs in this state: queued, running, succeeded, dead', parseJobState)
  .option('--name <name>', 'only jobs of this kind')
  .option('--limit <n>', 'at most this many (default 100)', parseLimit)
  .option(...dataDirOption)
  .action(jobsListCommand);

program
  .command('demo')
  .description('migrate, seed a demo organisation on first run, and serve the API, examples and embeds')
  .option(...portOption)
  .option(...hostOption)
  .option(...dataDirOption)
  .action(demoCommand);

const model = program.command('model').description('lead scoring models');
model
  .command('train')
  .description(
    'train a scoring model on the organisation’s converted and lost leads, store it as its next version, and print the run record as JSON',
  )
  .requiredOption('--org <id>', 'organisation id', parseOrganizationId)
  .option(
    '--min-per-class <n>',
    'fewest converted and fewest lost leads to train on (default: 10)',
    parseMinPerClass,
  )
  .option(...dataDirOption)
  .action(modelTrainCommand);
model
  .command('retrain')
  .description(
    'judge a candidate against the current model on the later half of the leads closed since the current model was trained (the candidate trains on the rest), store it only when its AUC there is higher, and print the decision as JSON',
  )
  .requiredOption('--org <id>', 'organisation id', parseOrganizationId)
  .option(
    '--min-per-class <n>',
    'fewest converted and fewest lost leads the candidate trains on (default: 10)',
    parseMinPerClass,
  )
  .option(...dataDirOption)
  .action(modelRetrainCommand);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const message =
    error instanceof DatabaseOpenError || error instanceof Error ? error.message : String(error);
  console.error(`hk-server: ${message}`);
  process.exit(1);
}
