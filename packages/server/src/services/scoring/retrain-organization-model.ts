import { auc, createTreeScorer, FEATURE_NAMES, type RunRecord, trainModel } from '@hidden-key/scoring';
import type { AppDeps } from '../../context.js';
import { latestModelRef, loadModel, saveModel } from './model-store.js';
import { MIN_EXAMPLES_PER_CLASS, TrainingDataError } from './train-organization-model.js';
import { closedLeadRows } from './training-rows.js';

/** Share of the closed leads, the most recently closed, that judges the candidate against the current model. */
const RECENT_SHARE = 0.25;

export interface RetrainResult {
  organizationId: string;
  /** Whether the candidate became the organisation's model. */
  replaced: boolean;
  reason: string;
  /** Closed leads the two models were compared on (the most recently closed; the candidate never saw them). */
  recentOutcomes: number;
  /** Closed leads whose features were the ones stored when they were scored (see closedLeadRows). */
  rowsFromScoringTime: number;
  current: { modelId: string; version: number; auc: number } | null;
  candidate: { auc: number; run: RunRecord };
  /** The stored version when replaced. */
  version: number | null;
}

/**
 * Retraining that only ever improves: a candidate is trained on every closed lead except the most
 * recently closed quarter, both it and the current model score that quarter, and the candidate is
 * stored as the next version only when its AUC there is higher. Recent outcomes are what matters
 * (the market and the organisation's sources move), and neither model trained on them.
 */
export async function retrainOrganizationModel(
  deps: Pick<AppDeps, 'db' | 'clock' | 'newId'>,
  options: { organizationId: string; minExamplesPerClass?: number },
): Promise<RetrainResult> {
  const { db } = deps;
  const { organizationId } = options;
  const { rows: closed, fromScoringTime } = await closedLeadRows(db, organizationId, 'closed');
  const cut = Math.floor(closed.length * (1 - RECENT_SHARE));
  const older = closed.slice(0, cut);
  const recent = closed.slice(cut);
  const minimum = options.minExamplesPerClass ?? MIN_EXAMPLES_PER_CLASS;
  const count = (rows: typeof older, label: boolean) => rows.filter((row) => row.label === label).length;
  if (
    count(older, true) < minimum ||
    count(older, false) < minimum ||
    count(recent, true) < 1 ||
    count(recent, false) < 1
  ) {
    throw new TrainingDataError(
      `Organisation ${organizationId} has too few closed leads to retrain and compare: the older ${cut} need at least ${minimum} converted and ${minimum} lost, the ${closed.length - cut} most recently closed at least one of each.`,
    );
  }

  const labels = recent.map((row) => (row.label ? 1 : 0));
  const aucOn = (score: (features: Float64Array) => number) =>
    auc(
      labels,
      recent.map((row) => score(row.features)),
    );
  const { model, run } = await trainModel(older, { featureNames: FEATURE_NAMES });
  const candidate = { auc: aucOn(createTreeScorer({ model }).margin), run };

  const ref = await latestModelRef(db, organizationId);
  const stored = ref ? await loadModel(db, organizationId, ref.id) : null;
  const current = stored
    ? {
        modelId: stored.id,
        version: stored.version,
        auc: aucOn(createTreeScorer({ model: stored.model }).margin),
      }
    : null;
  const better = !current || candidate.auc > current.auc;
  const base = {
    organizationId,
    recentOutcomes: recent.length,
    rowsFromScoringTime: fromScoringTime,
    current,
    candidate,
  };
  if (!better) {
    return {
      ...base,
      replaced: false,
      version: null,
      reason: `the candidate's AUC on the ${recent.length} most recent outcomes (${candidate.auc.toFixed(4)}) is not above the current model's (${current!.auc.toFixed(4)})`,
    };
  }
  const saved = await db.transaction((tx) =>
    saveModel(tx, { id: deps.newId(), organizationId, model, run, createdAt: deps.clock() }),
  );
  return {
    ...base,
    replaced: true,
    version: saved.version,
    reason: current
      ? `the candidate's AUC on the ${recent.length} most recent outcomes (${candidate.auc.toFixed(4)}) is above the current model's (${current.auc.toFixed(4)})`
      : 'the organisation had no model',
  };
}
