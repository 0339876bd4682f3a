import {
  auc,
  calibration,
  expectedCalibrationError,
  populationStability,
  type RunRecord,
} from '@hidden-key/scoring';
import { CLOSED_LEAD_STATUSES, type ModelLiveFigures, type ScoringModel } from '@hidden-key/sdk/schemas';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { leads, mlFeatures, models } from '../../db/schema.js';
import { latestModelRef } from './model-store.js';

/** Enough recent scorings for a stable drift figure, few enough to read in one query. */
const DRIFT_SAMPLE = 5000;
/** Versions `GET /v1/models` shows, newest first. */
export const MODELS_LISTED = 20;

/** Drift of what this model has scored, and its AUC and calibration on outcomes since training. */
export async function liveFigures(
  db: Executor,
  organizationId: string,
  model: { id: string; createdAt: Date; run: RunRecord },
): Promise<ModelLiveFigures> {
  const scored = await db
    .select({ features: mlFeatures.features, probability: mlFeatures.probability })
    .from(mlFeatures)
    .where(and(eq(mlFeatures.organizationId, organizationId), eq(mlFeatures.modelId, model.id)))
    .orderBy(desc(mlFeatures.scoredAt))
    .limit(DRIFT_SAMPLE);
  const [{ count } = { count: 0 }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(mlFeatures)
    .where(and(eq(mlFeatures.organizationId, organizationId), eq(mlFeatures.modelId, model.id)));

  const profile = model.run.profile;
  const drift =
    scored.length > 0 && profile
      ? {
          score_psi: populationStability(
            profile.score,
            scored.map((row) => row.probability),
          ),
          features: profile.features.map(({ feature, profile: reference }, k) => ({
            feature,
            psi: populationStability(
              reference,
              scored.map((row) => row.features[k] ?? Number.NaN),
            ),
          })),
        }
      : null;

  // Each lead's latest score by this model, for leads closed after the model was trained.
  const closed = await db
    .selectDistinctOn([mlFeatures.leadId], { probability: mlFeatures.probability, status: leads.status })
    .from(mlFeatures)
    .innerJoin(leads, eq(leads.id, mlFeatures.leadId))
    .where(
      and(
        eq(mlFeatures.organizationId, organizationId),
        eq(mlFeatures.modelId, model.id),
        inArray(leads.status, [...CLOSED_LEAD_STATUSES]),
        gt(leads.updatedAt, model.createdAt),
      ),
    )
    .orderBy(mlFeatures.leadId, desc(mlFeatures.scoredAt));
  const labels = closed.map((row) => (row.status === 'converted' ? 1 : 0));
  const probabilities = closed.map((row) => row.probability);
  const converted = labels.reduce<number>((sum, label) => sum + label, 0);
  const table = calibration(labels, probabilities);
  return {
    scored: count,
    drift,
    outcomes: {
      count: closed.length,
      converted,
      auc: converted > 0 && converted < closed.length ? auc(labels, probabilities) : null,
      ece: closed.length > 0 ? expectedCalibrationError(table) : null,
      calibration: table.map((bin) => ({
        from: bin.from,
        to: bin.to,
        count: bin.count,
        mean_predicted: bin.meanPredicted,
        observed_rate: bin.observedRate,
      })),
    },
  };
}

/** `GET /v1/models`: the organisation's model versions, newest first, each with its live figures. */
export async function listModels(db: Executor, organizationId: string): Promise<ScoringModel[]> {
  const rows = await db
    .select()
    .from(models)
    .where(eq(models.organizationId, organizationId))
    .orderBy(desc(models.version))
    .limit(MODELS_LISTED);
  return Promise.all(rows.map((row, k) => modelToWire(db, row, k === 0)));
}

/** `GET /v1/models/{id}`: one of the organisation's versions with its live figures, or null. */
export async function findModel(
  db: Executor,
  organizationId: string,
  id: string,
): Promise<ScoringModel | null> {
  const [row] = await db
    .select()
    .from(models)
    .where(and(eq(models.organizationId, organizationId), eq(models.id, id)))
    .limit(1);
  if (!row) return null;
  const latest = await latestModelRef(db, organizationId);
  return modelToWire(db, row, latest?.id === row.id);
}

async function modelToWire(
  db: Executor,
  row: typeof models.$inferSelect,
  active: boolean,
): Promise<ScoringModel> {
  const run = row.run as unknown as RunRecord;
  return {
    id: row.id,
    version: row.version,
    format: row.format,
    algorithm: String(run.algorithm ?? 'gbdt'),
    active,
    created_at: row.createdAt.toISOString(),
    run: row.run,
    live: await liveFigures(db, row.organizationId, { id: row.id, createdAt: row.createdAt, run }),
  };
}
