import { FEATURE_NAMES, type GbdtParams, type RunRecord, trainModel } from '@hidden-key/scoring';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../context.js';
import { organizations } from '../../db/schema.js';
import { saveModel } from './model-store.js';
import { closedLeadRows } from './training-rows.js';

/** Fewer closed leads than this on either side and a model would mostly memorise noise. */
export const MIN_EXAMPLES_PER_CLASS = 10;

/** Training refused for a reason the operator can fix (unknown organisation, too little history). */
export class TrainingDataError extends Error {
  override name = 'TrainingDataError';
}

export interface TrainOrganizationOptions {
  organizationId: string;
  minExamplesPerClass?: number;
  params?: Partial<GbdtParams>;
}

export interface TrainedOrganizationModel {
  modelId: string;
  organizationId: string;
  version: number;
  run: RunRecord;
  /** Training rows whose features were the ones stored when the lead was scored (see closedLeadRows). */
  rowsFromScoringTime: number;
}

/**
 * Trains a model on the organisation's own history, converted leads against lost ones, with the
 * features known when each lead was scored (else as at its creation), and stores it as the
 * organisation's next model version together with its run record.
 */
export async function trainOrganizationModel(
  deps: Pick<AppDeps, 'db' | 'clock' | 'newId'>,
  options: TrainOrganizationOptions,
): Promise<TrainedOrganizationModel> {
  const { db } = deps;
  const { organizationId } = options;
  const [organization] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  if (!organization) throw new TrainingDataError(`Organisation ${organizationId} not found.`);

  const { rows, fromScoringTime } = await closedLeadRows(db, organizationId, 'created');
  const converted = rows.filter((row) => row.label).length;
  const lost = rows.length - converted;
  const minimum = options.minExamplesPerClass ?? MIN_EXAMPLES_PER_CLASS;
  if (converted < minimum || lost < minimum) {
    throw new TrainingDataError(
      `Organisation ${organizationId} has ${converted} converted and ${lost} lost leads; training needs at least ${minimum} of each. Mark more closed leads as converted or lost, then train again.`,
    );
  }

  const { model, run } = await trainModel(rows, {
    featureNames: FEATURE_NAMES,
    ...(options.params ? { params: options.params } : {}),
  });
  const stored = await db.transaction((tx) =>
    saveModel(tx, { id: deps.newId(), organizationId, model, run, createdAt: deps.clock() }),
  );
  return {
    modelId: stored.id,
    organizationId,
    version: stored.version,
    run,
    rowsFromScoringTime: fromScoringTime,
  };
}
