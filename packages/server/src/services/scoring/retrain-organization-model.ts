import { auc, createTreeScorer, FEATURE_NAMES, type RunRecord, trainModel } from '@hidden-key/scoring';
import type { AppDeps } from '../../context.js';
import { latestModelRef, loadModel, saveModel } from './model-store.js';
import {
  MIN_EXAMPLES_PER_CLASS,
  TrainingDataError,
  trainOrganizationModel,
} from './train-organization-model.js';
import { type ClosedLeadRow, closedLeadRows } from './training-rows.js';

export interface RetrainResult {
  organizationId: string;
  /** Whether the candidate became the organisation's model. */
  replaced: boolean;
  reason: string;
  /**
   * Closed leads the two models were compared on: the later half of those closed after the current
   * model was trained, so neither model saw them. 0 when there was nothing to compare.
   */
  recentOutcomes: number;
  /** Closed leads whose features were the ones stored when they were scored (see closedLeadRows). */
  rowsFromScoringTime: number;
  /** `auc` null when there was nothing to judge on. */
  current: { modelId: string; version: number; auc: number | null } | null;
  /** Null when no candidate was trained (nothing to judge it on); `auc` null when there was no model to beat. */
  candidate: { auc: number | null; run: RunRecord } | null;
  /** The stored version when replaced. */
  version: number | null;
}

/**
 * The decision as the `model.retrain` job's result and `hk-server model retrain` print it: in the
 * API's snake_case, the candidate by its AUC and algorithm (its run record is kept with the model
 * when it is stored, and `GET /v1/models` shows it).
 */
export function retrainDecision(result: RetrainResult) {
  const {
    organizationId,
    replaced,
    reason,
    version,
    recentOutcomes,
    rowsFromScoringTime,
    current,
    candidate,
  } = result;
  return {
    organization_id: organizationId,
    replaced,
    reason,
    version,
    recent_outcomes: recentOutcomes,
    rows_from_scoring_time: rowsFromScoringTime,
    current: current && { model_id: current.modelId, version: current.version, auc: current.auc },
    candidate: candidate && { auc: candidate.auc, algorithm: candidate.run.algorithm },
  };
}

/**
 * Retraining that only ever improves, judged on outcomes neither model has seen. The current model
 * was trained on leads closed before it was made, so only leads closed since then can judge it
 * fairly. The later half of those is the judge; the candidate trains on everything else (so it
 * learns from the earlier new outcomes, which is why one retrains) and is stored as the next version
 * only when its AUC on the judge is higher. Too few new outcomes to judge on keeps the model and
 * says so: a later retrain, with more outcomes, can decide.
 */
export async function retrainOrganizationModel(
  deps: Pick<AppDeps, 'db' | 'clock' | 'newId'>,
  options: { organizationId: string; minExamplesPerClass?: number },
): Promise<RetrainResult> {
  const { db } = deps;
  const { organizationId } = options;
  const ref = await latestModelRef(db, organizationId);
  const stored = ref ? await loadModel(db, organizationId, ref.id) : null;
  if (!stored) return firstModel(deps, options);

  const { rows: closed, fromScoringTime } = await closedLeadRows(db, organizationId, 'closed');
  const unseen = closed.filter((row) => row.closedAt > stored.createdAt);
  const judge = unseen.slice(Math.floor(unseen.length / 2));
  const training = closed.slice(0, closed.length - judge.length);
  const base = { organizationId, rowsFromScoringTime: fromScoringTime, version: null };
  const currentModel = { modelId: stored.id, version: stored.version };
  const count = (rows: ClosedLeadRow[], label: boolean) => rows.filter((row) => row.label === label).length;
  if (count(judge, true) < 1 || count(judge, false) < 1) {
    return {
      ...base,
      replaced: false,
      recentOutcomes: 0,
      current: { ...currentModel, auc: null },
      candidate: null,
      reason: `nothing to judge a candidate on: of the ${unseen.length} leads closed since version ${stored.version} was trained, the later half needs at least one converted and one lost`,
    };
  }
  const minimum = options.minExamplesPerClass ?? MIN_EXAMPLES_PER_CLASS;
  if (count(training, true) < minimum || count(training, false) < minimum) {
    throw new TrainingDataError(
      `Organisation ${organizationId} has too few closed leads to retrain: the ${training.length} a candidate would train on need at least ${minimum} converted and ${minimum} lost.`,
    );
  }

  const labels = judge.map((row) => (row.label ? 1 : 0));
  const aucOn = (score: (features: Float64Array) => number) =>
    auc(
      labels,
      judge.map((row) => score(row.features)),
    );
  const { model, run } = await trainModel(training, { featureNames: FEATURE_NAMES });
  const candidate = { auc: aucOn(createTreeScorer({ model }).margin), run };
  const current = { ...currentModel, auc: aucOn(createTreeScorer({ model: stored.model }).margin) };
  const comparison = `the candidate's AUC on the ${judge.length} most recent outcomes (${candidate.auc.toFixed(4)})`;
  const judged = { ...base, recentOutcomes: judge.length, current, candidate };
  if (candidate.auc <= current.auc) {
    return {
      ...judged,
      replaced: false,
      reason: `${comparison} is not above version ${current.version}'s (${current.auc.toFixed(4)})`,
    };
  }
  const saved = await db.transaction((tx) =>
    saveModel(tx, { id: deps.newId(), organizationId, model, run, createdAt: deps.clock() }),
  );
  return {
    ...judged,
    replaced: true,
    version: saved.version,
    reason: `${comparison} is above version ${current.version}'s (${current.auc.toFixed(4)})`,
  };
}

/** No model yet: nothing to beat, so the first one trains on every closed lead. */
async function firstModel(
  deps: Pick<AppDeps, 'db' | 'clock' | 'newId'>,
  options: { organizationId: string; minExamplesPerClass?: number },
): Promise<RetrainResult> {
  const trained = await trainOrganizationModel(deps, options);
  return {
    organizationId: options.organizationId,
    replaced: true,
    reason: 'the organisation had no model',
    recentOutcomes: 0,
    rowsFromScoringTime: trained.rowsFromScoringTime,
    current: null,
    candidate: { auc: null, run: trained.run },
    version: trained.version,
  };
}
