import type { AppDeps } from '../../context.js';
import { generateLeadHistory, insertLeadHistory } from './lead-history.js';
import {
  type TrainedOrganizationModel,
  TrainingDataError,
  trainOrganizationModel,
} from './train-organization-model.js';

/** Enough closed leads for a model worth showing, few enough to seed and train in a second or two. */
const DEMO_HISTORY_SIZE = 150;
const DEMO_HISTORY_SEED = 2026;

/**
 * Gives the demo organisation a past year of converted and lost leads and trains its first model
 * on them, so the leads seeded afterwards arrive with scores. Null if the history is too thin.
 */
export async function seedDemoModel(
  deps: Pick<AppDeps, 'db' | 'clock' | 'newId'>,
  organizationId: string,
): Promise<TrainedOrganizationModel | null> {
  const history = generateLeadHistory({
    count: DEMO_HISTORY_SIZE,
    seed: DEMO_HISTORY_SEED,
    now: deps.clock(),
  });
  await insertLeadHistory(deps.db, organizationId, history, deps.newId);
  try {
    return await trainOrganizationModel(deps, { organizationId });
  } catch (error) {
    if (error instanceof TrainingDataError) return null;
    throw error;
  }
}
