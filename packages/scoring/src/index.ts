/**
 * @hidden-key/scoring: lead features, a trainer that chooses between gradient-boosted trees,
 * logistic regression and their blend by cross-validation, ONNX export, and two evaluators of the
 * same model (onnxruntime-web, and a dependency-free one), each score explained by exact SHAP values.
 * Everything here is pure and browser-safe; the `hk-score` CLI (dist/cli.js) adds CSV files.
 */

export type { ColumnEncoding, EncodedTable, TableEncoding } from './data/table-encoding.js';
export { describeTableFeature, encodeTable, fitTableEncoding } from './data/table-encoding.js';
export type { Contribution, DescribeFeature, ExplainOptions, Explanation, Reason } from './explain.js';
export { describePlainly, explain } from './explain.js';
export type { FeatureName, LeadForScoring } from './features.js';
export { describeLeadFeature, FEATURE_NAMES, featuresFromLead, trainingRowsFromLeads } from './features.js';
export type { LinearTerm, Tree, TreeModel } from './model.js';
export { FLOAT32_MAX, MODEL_FORMAT, modelFromJson, predictMargin, sigmoid } from './model.js';
export type { DistributionProfile, TrainingProfile } from './monitor.js';
export { populationStability, profileTraining, profileValues, shareOf } from './monitor.js';
export { exportOnnx, ONNX_INPUT, ONNX_MARGIN, ONNX_PROBABILITY } from './onnx/export.js';
export type { ImportedOnnx } from './onnx/import.js';
export { importOnnx } from './onnx/import.js';
export type { CreateScorerOptions, OnnxScorer } from './onnx/scorer.js';
export { createScorer } from './onnx/scorer.js';
export type { CalibrationReport } from './train/calibration.js';
export { expectedCalibrationError } from './train/calibration.js';
export { affineModel, blendModels } from './train/combine.js';
export type { GbdtParams, GbdtResult } from './train/gbdt.js';
export { DEFAULT_GBDT_PARAMS, trainGbdt } from './train/gbdt.js';
export type { LogisticModel, LogisticOptions } from './train/logistic.js';
export { logisticAsModel, predictLogistic, trainLogistic } from './train/logistic.js';
export type { CalibrationBin, Metrics } from './train/metrics.js';
export { accuracy, auc, calibration, evaluate, logLoss } from './train/metrics.js';
export type { RunRecord } from './train/run.js';
export { describeChoice } from './train/run.js';
export type { CandidateScore, ModelKind } from './train/select-model.js';
export { BLEND_WEIGHTS, DEFAULT_KINDS, GBDT_GRID, LOGISTIC_L2, MODEL_KINDS } from './train/select-model.js';
export type { TrainingResult, TrainingRow, TrainModelOptions } from './train/train-model.js';
export { trainModel, trainModelOnMatrix } from './train/train-model.js';
export type { TreeScorer, TreeScorerOptions } from './tree-scorer.js';
export { createTreeScorer } from './tree-scorer.js';
export { SCORING_VERSION } from './version.js';
