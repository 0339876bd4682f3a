import { describe, expect, it } from 'vitest';
import { compileWasm } from '../src/compiled-wasm.js';
import { lookupTables } from '../src/leaf-table.js';
import { predictMargin, type TreeModel } from '../src/model.js';
import { binMatrix, fitBinEdges } from '../src/train/binning.js';
import { blendModels, sumModels } from '../src/train/combine.js';
import { trainForest } from '../src/train/forest.js';
import { trainGbdt } from '../src/train/gbdt.js';
import { logisticAsModel, trainLogistic } from '../src/train/logistic.js';
import { createRandom } from '../src/train/random.js';
import { createTreeScorer, MAX_WASM_TABLES } from '../src/tree-scorer.js';
import { rowOf, syntheticData } from './synthetic.js';

/** How many cells a tree's lookup table would have (bins per feature multiplied), as the compiler counts. */
function tableCells(tree: TreeModel['trees'][number]): number {
  const thresholds = new Map<number, Set<number>>();
  const missingRight = new Set<number>();
  tree.feature.forEach((feature, node) => {
    if (feature < 0) return;
    thresholds.set(feature, (thresholds.get(feature) ?? new Set()).add(tree.threshold[node]!));
    if (!tree.missingLeft[node]) missingRight.add(feature);
  });
  let cells = 1;
  for (const [feature, set] of thresholds) cells *= set.size + 1 + (missingRight.has(feature) ? 1 : 0);
  return cells;
}

describe('the compiled evaluator', () => {
  // Shallow trees become lookup tables; deep ones branch at the top and look up below. Missing
  // values go both ways, so the tables' missing-value bins are exercised too.
  const { data, labels, featureNames, width, rows } = syntheticData(3000, 21, 0.25);
  const shallow = trainGbdt(data, labels, featureNames, { seed: 3, maxDepth: 3, rounds: 60 }).model;
  const deep = trainGbdt(data, labels, featureNames, {
    seed: 4,
    maxDepth: 7,
    minSamplesLeaf: 5,
    rounds: 40,
  }).model;

  it.each([
    ['shallow', shallow],
    ['deep', deep],
  ])(
    'gives the reference margins exactly for a %s ensemble, in batches and one row at a time',
    (_, model) => {
      const scorer = createTreeScorer({ model });
      expect(scorer.evaluator).toBe('compiled');
      const batch = scorer.scoreBatch(data, rows);
      let worstMargin = 0;
      let worstBatch = 0;
      for (let i = 0; i < rows; i++) {
        const reference = predictMargin(model, rowOf(data, width, i));
        worstMargin = Math.max(worstMargin, Math.abs(scorer.margin(rowOf(data, width, i)) - reference));
        worstBatch = Math.max(worstBatch, Math.abs(batch[i]! - 1 / (1 + Math.exp(-reference))));
      }
      expect(worstMargin).toBeLessThan(1e-12);
      expect(worstBatch).toBeLessThan(1e-12);
    },
  );

  it('runs a batch of few-table trees and linear terms in WebAssembly and bushier trees in JavaScript, with the reference margins', () => {
    const logistic = logisticAsModel(trainLogistic(data, labels, width, { l2: 1 }), featureNames, data);
    const model = sumModels(sumModels(shallow, deep), logistic);
    const tables = model.trees.map((tree) => lookupTables(tree));
    expect(Math.min(...tables)).toBeLessThanOrEqual(MAX_WASM_TABLES);
    expect(Math.max(...tables)).toBeGreaterThan(MAX_WASM_TABLES);
    const batch = createTreeScorer({ model }).scoreBatch(data, rows);
    let worst = 0;
    for (let i = 0; i < rows; i++) {
      const reference = 1 / (1 + Math.exp(-predictMargin(model, rowOf(data, width, i))));
      worst = Math.max(worst, Math.abs(batch[i]! - reference));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('refuses a row or a batch of the wrong size, rather than reading what the last batch left', () => {
    for (const evaluator of ['compiled', 'layout'] as const) {
      const scorer = createTreeScorer({ model: shallow, evaluator });
      scorer.scoreBatch(data.subarray(0, 40 * width));
      expect(() => scorer.scoreBatch(new Float32Array(width + 1).fill(Number.NaN), 4)).toThrow(
        `A batch holds a whole number of rows of ${width} features each: got ${width + 1} values for 4 rows`,
      );
      expect(() => scorer.scoreBatch(new Float32Array(width * 2 + 1))).toThrow(RangeError);
      expect(() => scorer.score([0.5])).toThrow(
        `A row has ${width} features (${featureNames.join(', ')}), not 1`,
      );
      expect(scorer.scoreBatch(new Float32Array(0))).toHaveLength(0);
    }
  });

  it('covers both forms: the deep ensemble has trees too large for one table', () => {
    expect(shallow.trees.every((tree) => tableCells(tree) <= 1024)).toBe(true);
    expect(deep.trees.some((tree) => tableCells(tree) > 1024)).toBe(true);
    const missingBoth = (model: TreeModel) =>
      model.trees.some((tree) => tree.missingLeft.some((left, node) => tree.feature[node]! >= 0 && !left));
    expect(missingBoth(shallow) && missingBoth(deep)).toBe(true);
  });
});

describe('the WebAssembly evaluator (batches of the compiled one)', () => {
  const { data, labels, featureNames, width } = syntheticData(3000, 31, 0.25);
  const shallow = trainGbdt(data, labels, featureNames, { seed: 5, maxDepth: 3, rounds: 60 }).model;
  const deep = trainGbdt(data, labels, featureNames, {
    seed: 6,
    maxDepth: 7,
    minSamplesLeaf: 5,
    rounds: 40,
  }).model;
  // Linear terms too (logistic and blend), whose missing values must add nothing.
  const logistic = logisticAsModel(trainLogistic(data, labels, width, { l2: 1 }), featureNames, data);
  const blend = blendModels(deep, logistic, 0.6);
  const everyRow = Uint32Array.from({ length: 3000 }, (_, i) => i);
  // A forest's trees are deeper (10) and bushier than boosting's.
  const forest = trainForest(
    binMatrix(data, 3000, fitBinEdges(data, width, everyRow, 255)),
    labels,
    everyRow,
    featureNames,
    { trees: 20, maxDepth: 10, minSamplesLeaf: 1 },
    createRandom(7),
  ).model;

  it.each([
    ['shallow', shallow],
    ['deep', deep],
    ['logistic', logistic],
    ['blend', blend],
    ['forest', forest],
  ])('compiles a %s model and gives the reference margins for every row', (_, model) => {
    const compiled = compileWasm(model);
    expect(compiled).not.toBeNull();
    // 2,999 rows: several 256-row blocks and a last four-row group that is not full.
    const rows = 2999;
    const margins = new Float64Array(rows);
    compiled!.batch(data, rows, width, margins);
    let worst = 0;
    for (let i = 0; i < rows; i++) {
      const expected = predictMargin(model, rowOf(data, width, i)) - model.baseScore;
      worst = Math.max(worst, Math.abs(margins[i]! - expected));
      if (i % 97 === 0) expect(compiled!.row(data, i * width)).toBeCloseTo(expected, 12);
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('adds to the margins it is given rather than overwriting them', () => {
    const compiled = compileWasm(shallow)!;
    const margins = new Float64Array(8).fill(10);
    compiled.batch(data, 8, width, margins);
    for (let i = 0; i < 8; i++)
      expect(margins[i]).toBeCloseTo(
        10 + predictMargin(shallow, rowOf(data, width, i)) - shallow.baseScore,
        12,
      );
  });
});
