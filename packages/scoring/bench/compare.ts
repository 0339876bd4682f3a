import { type EncodedTable, encodeTable, fitTableEncoding } from '../src/data/table-encoding.js';
import { predictMargin, type TreeModel } from '../src/model.js';
import { auc } from '../src/train/metrics.js';
import { createRandom, stratifiedSplit } from '../src/train/random.js';
import type { RunRecord } from '../src/train/run.js';
import { bestCandidateOf, type ModelKind } from '../src/train/select-model.js';
import { trainModelOnMatrix } from '../src/train/train-model.js';
import { type PeerResults, runSklearnPeers } from './sklearn.js';
import type { BenchTable } from './tables.js';

export const BENCH_SEED = 2026;

export interface Comparison {
  trainRows: number;
  testRows: number;
  features: number;
  /** Test AUC of the chosen model and of the best candidate of each kind (refitted the same way). */
  chosen: { name: string; kind: ModelKind; auc: number; trainMs: number };
  /** For each kind tried. */
  bestOfKind: Partial<Record<ModelKind, { name: string; auc: number }>>;
  peers: PeerResults | null;
  run: RunRecord;
  model: TreeModel;
  test: EncodedTable;
}

/**
 * One seeded 70/30 stratified split: our trainer chooses its model by cross-validation on the 70 %
 * only, and the 30 % is scored once at the end, by it and by each scikit-learn peer fitted on the
 * same encoded rows in the same run.
 */
export async function compareModels(
  table: BenchTable,
  seed: number,
  python: string | null,
  kinds: readonly ModelKind[],
): Promise<Comparison> {
  const { header, rows } = table.table;
  const targetIndex = header.indexOf(table.targetColumn);
  const labels = rows.map((row) => (row[targetIndex] === table.positive ? 1 : 0));
  const [trainIdx, testIdx] = stratifiedSplit(labels, 0.3, createRandom(seed));
  const trainRaw = Array.from(trainIdx, (i) => rows[i]!);
  const testRaw = Array.from(testIdx, (i) => rows[i]!);
  const encoding = fitTableEncoding(header, trainRaw, {
    column: table.targetColumn,
    positive: table.positive,
  });
  const train = encodeTable(encoding, header, trainRaw);
  const test = encodeTable(encoding, header, testRaw);
  const categorical = encoding.columns.map((column) => column.kind === 'categorical');
  const width = train.featureNames.length;
  const testAuc = (model: TreeModel) =>
    auc(
      test.labels!,
      Array.from({ length: test.rows }, (_, i) =>
        predictMargin(model, test.data.subarray(i * width, (i + 1) * width)),
      ),
    );

  const started = process.cpuUsage();
  const result = await trainModelOnMatrix(train.data, train.labels!, {
    featureNames: train.featureNames,
    categorical,
    params: { seed },
    kinds,
  });
  const cpu = process.cpuUsage(started);
  const { run, model } = result;
  const bestOfKind: Comparison['bestOfKind'] = {};
  for (const kind of kinds) {
    const best = bestCandidateOf(run.selection.candidates, kind)!;
    bestOfKind[kind] = {
      name: best.name,
      auc: best.name === run.selection.chosen ? testAuc(model) : testAuc(result.refit(best.name)),
    };
  }
  return {
    trainRows: train.rows,
    testRows: test.rows,
    features: width,
    chosen: {
      name: run.selection.chosen,
      kind: run.algorithm,
      auc: testAuc(model),
      trainMs: (cpu.user + cpu.system) / 1000,
    },
    bestOfKind,
    peers: python ? runSklearnPeers(python, train, test, categorical, seed) : null,
    run,
    model,
    test,
  };
}
