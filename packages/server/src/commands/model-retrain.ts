import { scopedDatabase } from '../db/scoped-database.js';
import { defaultDeps } from '../deps.js';
import { retrainDecision, retrainOrganizationModel } from '../services/scoring/retrain-organization-model.js';
import type { ModelTrainOptions } from './model-train.js';
import { openMigrated } from './options.js';

/**
 * `hk-server model retrain --org ID`: trains a candidate, compares it with the current model on
 * recent outcomes neither has seen, stores it only when better, and prints the decision as JSON.
 */
export async function modelRetrainCommand(options: ModelTrainOptions) {
  const handle = await openMigrated(options);
  try {
    const result = await retrainOrganizationModel(defaultDeps(scopedDatabase(handle.db, options.org)), {
      organizationId: options.org,
      ...(options.minPerClass ? { minExamplesPerClass: options.minPerClass } : {}),
    });
    console.log(JSON.stringify(retrainDecision(result), null, 2));
  } finally {
    await handle.close();
  }
}
