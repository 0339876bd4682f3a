import { describeChoice } from '@hidden-key/scoring';
import { InvalidArgumentError } from 'commander';
import { scopedDatabase } from '../db/scoped-database.js';
import { defaultDeps } from '../deps.js';
import { trainOrganizationModel } from '../services/scoring/train-organization-model.js';
import { type DatabaseOptions, openMigrated } from './options.js';

export interface ModelTrainOptions extends DatabaseOptions {
  org: string;
  minPerClass?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseOrganizationId(value: string): string {
  if (!UUID.test(value)) throw new InvalidArgumentError('Expected an organisation id (a UUID).');
  return value;
}

export function parseMinPerClass(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('Expected a whole number ≥ 1.');
  return Number(value);
}

/**
 * `hk-server model train --org ID`: trains on the organisation's converted and lost leads, stores
 * the model as its next version, and prints `{ model_id, organization_id, version, run }` as JSON
 * on stdout and, on stderr, what it chose and against what.
 */
export async function modelTrainCommand(options: ModelTrainOptions) {
  const handle = await openMigrated(options);
  try {
    const trained = await trainOrganizationModel(defaultDeps(scopedDatabase(handle.db, options.org)), {
      organizationId: options.org,
      ...(options.minPerClass ? { minExamplesPerClass: options.minPerClass } : {}),
    });
    const record = {
      model_id: trained.modelId,
      organization_id: trained.organizationId,
      version: trained.version,
      run: trained.run,
    };
    console.log(JSON.stringify(record, null, 2));
    console.error(
      `hk-server: ${describeChoice(trained.run).join('\n  ')}\n  stored as model v${trained.version} (${trained.modelId})`,
    );
  } finally {
    await handle.close();
  }
}
