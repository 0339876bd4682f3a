import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { defaultDeps } from '../deps.js';
import { trainOrganizationModel } from '../services/scoring/train-organization-model.js';
import { type DatabaseOptions, withDatabase } from './database.js';
import type { CliIo } from './io.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const organizationIdArgument = (value: string) => {
  if (!UUID.test(value)) throw new InvalidArgumentError('Expected an organisation id (a UUID).');
  return value;
};

const positiveInteger = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('Expected a whole number ≥ 1.');
  return parsed;
};

interface TrainOptions extends DatabaseOptions {
  org: string;
  minPerClass?: number;
}

/** `hk-server model train`: trains the organisation's model on its own closed leads. */
export function registerModelCommands(program: Command, io: CliIo) {
  const model = program.command('model').description('Lead scoring models');
  model
    .command('train')
    .description(
      'Train a scoring model on the organisation’s converted and lost leads, store it as its next version, and print the run record as JSON',
    )
    .requiredOption('--org <id>', 'organisation id', organizationIdArgument)
    .option(
      '--data-dir <dir>',
      'PGlite data folder (default: HK_DATA_DIR or .hk-data); ignored with DATABASE_URL',
    )
    .option('--min-per-class <n>', 'fewest converted and fewest lost leads to train on', positiveInteger)
    .action(async (options: TrainOptions) => {
      const trained = await withDatabase(options, io, ({ db }) =>
        trainOrganizationModel(defaultDeps(db), {
          organizationId: options.org,
          ...(options.minPerClass ? { minExamplesPerClass: options.minPerClass } : {}),
        }),
      );
      const record = {
        model_id: trained.modelId,
        organization_id: trained.organizationId,
        version: trained.version,
        run: trained.run,
      };
      io.out(`${JSON.stringify(record, null, 2)}\n`);
    });
}
