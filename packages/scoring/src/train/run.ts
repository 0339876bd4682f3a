import type { TreeModel } from '../model.js';
import type { TrainingProfile } from '../monitor.js';
import { SCORING_VERSION } from '../version.js';
import type { CalibrationReport } from './calibration.js';
import type { Metrics } from './metrics.js';
import { bestCandidateOf, type CandidateScore, MODEL_KINDS, type ModelKind } from './select-model.js';

/**
 * What a training run leaves behind, beside the model, so runs can be compared later (the role
 * MLflow played in the original design). Plain JSON: a file next to the `.onnx`, or a table row.
 */
export interface RunRecord {
  format: 'hidden-key.run.v2';
  library: { name: '@hidden-key/scoring'; version: string };
  /** The kind of model chosen by cross-validation. */
  algorithm: ModelKind;
  createdAt: string;
  /** Selection, refit and calibration together. */
  trainingTimeMs: number;
  /** The seed and the chosen candidate's parameters. */
  params: { seed: number } & Record<string, number>;
  data: { rows: number; positives: number; features: string[]; hash: string };
  model: { hash: string; trees: number; linearTerms: number };
  /** Every candidate's cross-validated score, and which one won. */
  selection: { method: string; folds: number; chosen: string; candidates: CandidateScore[] };
  /** Before/after tables and expected calibration error, on out-of-fold predictions. */
  calibration: CalibrationReport;
  metrics: {
    /** Out-of-fold predictions of the chosen candidate (calibrated as the model is). */
    validation: Metrics | null;
    /** The final model on its own training rows (optimistic by construction). */
    training: Metrics;
    /** The best logistic candidate's cross-validated figures. */
    logisticBaseline: Pick<Metrics, 'auc' | 'logLoss'> | null;
  };
  /** Mean |contribution| (log-odds) per feature over training rows, largest first. */
  featureImportance: { feature: string; meanAbsContribution: number }[];
  /** The training distribution of every feature and of the score, for drift figures later. */
  profile: TrainingProfile;
}

export const LIBRARY = { name: '@hidden-key/scoring', version: SCORING_VERSION } as const;

/** `sha256:<hex>` of the bytes, with Web Crypto (Node 20 and browsers alike). */
export async function sha256(...parts: (Uint8Array | string)[]): Promise<string> {
  const chunks = parts.map((part) => (typeof part === 'string' ? new TextEncoder().encode(part) : part));
  const joined = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', joined));
  return `sha256:${Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export function hashModel(model: TreeModel): Promise<string> {
  return sha256(JSON.stringify(model));
}

export function hashData(
  data: Float32Array,
  labels: Uint8Array,
  featureNames: readonly string[],
): Promise<string> {
  return sha256(
    JSON.stringify(featureNames),
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    labels,
  );
}

/**
 * What a run chose and against what, in lines for a person at a terminal (`hk-score train`,
 * `hk-server model train`): the winner and how it was judged, the best candidate of each kind, and
 * whether calibration was applied.
 */
export function describeChoice(run: RunRecord): string[] {
  const auc = (x: number) => x.toFixed(4);
  const { candidates, chosen, folds } = run.selection;
  const winner = candidates.find((candidate) => candidate.name === chosen)!;
  const bestOfEach = MODEL_KINDS.map((kind) => bestCandidateOf(candidates, kind))
    .filter((candidate) => candidate !== undefined)
    .map((candidate) => `${candidate.name} ${auc(candidate.cvAuc)}`);
  const { calibration } = run;
  const calibrated = calibration.applied
    ? `Platt scaling applied (out-of-fold ECE ${calibration.before.ece.toFixed(3)} → ${calibration.after.ece.toFixed(3)})`
    : 'none (Platt scaling did not lower the cross-fitted log loss)';
  return [
    `chose ${chosen} by ${folds}-fold cross-validation on ${run.data.rows} rows (mean fold AUC ${auc(winner.cvAuc)})`,
    `best of each kind: ${bestOfEach.join(', ')}`,
    `calibration: ${calibrated}`,
  ];
}
