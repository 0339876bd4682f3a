import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictMargin, sigmoid, type TreeModel } from '../../src/model.js';
import { exportOnnx } from '../../src/onnx/export.js';
import { importOnnx } from '../../src/onnx/import.js';
import { createScorer, type OnnxScorer } from '../../src/onnx/scorer.js';
import { binMatrix, fitBinEdges } from '../../src/train/binning.js';
import { blendModels } from '../../src/train/combine.js';
import { trainForest } from '../../src/train/forest.js';
import { trainGbdt } from '../../src/train/gbdt.js';
import { logisticAsModel, predictLogistic, trainLogistic } from '../../src/train/logistic.js';
import { createRandom } from '../../src/train/random.js';
import { createTreeScorer } from '../../src/tree-scorer.js';
import { rowOf, syntheticData } from '../synthetic.js';

// Thousands of rows, a fifth of the cells missing (and x4 missing in 30 % of rows), an odd count so
// the batch evaluator's four-row groups end with a partial one.
const train = syntheticData(3000, 21);
const test = syntheticData(5003, 22);
let model: TreeModel;
let onnxBytes: Uint8Array;
let onnx: OnnxScorer;

beforeAll(async () => {
  model = trainGbdt(train.data, train.labels, train.featureNames, { seed: 21, maxDepth: 5 }).model;
  onnxBytes = exportOnnx(model);
  onnx = await createScorer({ model: onnxBytes, features: train.width });
});
afterAll(() => onnx?.release());

const reference = () =>
  Array.from({ length: test.rows }, (_, i) => sigmoid(predictMargin(model, rowOf(test.data, test.width, i))));

describe('the trainer, onnxruntime-web and the tree evaluator agree', () => {
  it('the test rows really exercise missing values', () => {
    let rowsWithMissing = 0;
    for (let i = 0; i < test.rows; i++)
      if (rowOf(test.data, test.width, i).some(Number.isNaN)) rowsWithMissing++;
    expect(rowsWithMissing).toBeGreaterThan(test.rows / 2);
    expect(
      model.trees.some((tree) =>
        tree.missingLeft.some((flag, node) => flag === 0 && tree.feature[node]! >= 0),
      ),
    ).toBe(true);
    expect(
      model.trees.some((tree) =>
        tree.missingLeft.some((flag, node) => flag === 1 && tree.feature[node]! >= 0),
      ),
    ).toBe(true);
  });

  it('onnxruntime-web matches the trainer to 1e-6', async () => {
    const { probability, margin } = await onnx.scoreBatch(test.data, test.rows);
    const expected = reference();
    expect(probability.length).toBe(test.rows);
    for (let i = 0; i < test.rows; i++) {
      expect(Math.abs(probability[i]! - expected[i]!)).toBeLessThan(1e-6);
      expect(Math.abs(sigmoid(margin[i]!) - expected[i]!)).toBeLessThan(1e-6);
    }
  });

  it.each(['compiled', 'layout'] as const)(
    'the %s tree evaluator matches the trainer, in batches and one row at a time',
    (evaluator) => {
      const scorer = createTreeScorer({ model, evaluator });
      expect(scorer.evaluator).toBe(evaluator);
      const batch = scorer.scoreBatch(test.data, test.rows);
      const expected = reference();
      for (let i = 0; i < test.rows; i++) {
        expect(Math.abs(batch[i]! - expected[i]!)).toBeLessThan(1e-6);
        expect(
          Math.abs(scorer.score(Array.from(rowOf(test.data, test.width, i))) - expected[i]!),
        ).toBeLessThan(1e-6);
      }
    },
  );

  it('the tree evaluator built from the ONNX file alone matches onnxruntime-web', async () => {
    const fromFile = createTreeScorer({ model: onnxBytes });
    const { probability } = await onnx.scoreBatch(test.data, test.rows);
    const batch = fromFile.scoreBatch(test.data);
    for (let i = 0; i < test.rows; i++) expect(Math.abs(batch[i]! - probability[i]!)).toBeLessThan(1e-6);
  });

  it('one row through onnxruntime-web, and float64 input rounded to float32 like the ONNX input', async () => {
    const row = Float64Array.from(rowOf(test.data, test.width, 7));
    row[0] = (row[0] ?? 0) + 1e-12;
    const expected = sigmoid(predictMargin(model, row));
    expect(Math.abs((await onnx.score(row)) - expected)).toBeLessThan(1e-6);
    expect(Math.abs(createTreeScorer({ model }).score(row) - expected)).toBeLessThan(1e-6);
  });
});

describe('ONNX round trip', () => {
  it('keeps structure, thresholds, leaves, feature names and metadata', () => {
    const bytes = exportOnnx(model, { note: 'hello' });
    const { model: back, metadata } = importOnnx(bytes);
    expect(metadata.note).toBe('hello');
    expect(back.featureNames).toEqual(model.featureNames);
    expect(back.baseScore).toBe(model.baseScore);
    expect(back.trees.length).toBe(model.trees.length);
    for (const [t, tree] of model.trees.entries()) {
      const copy = back.trees[t]!;
      expect(copy.feature).toEqual(tree.feature);
      expect(copy.threshold).toEqual(tree.threshold);
      expect(copy.missingLeft).toEqual(tree.missingLeft);
      tree.feature.forEach((feature, node) => {
        if (feature < 0) expect(copy.value[node]).toBe(tree.value[node]);
      });
    }
  });

  it('exports a purely linear model (no trees) with its base score', async () => {
    const linearOnly: TreeModel = {
      format: model.format,
      featureNames: ['a', 'b'],
      baseScore: Math.fround(-0.25),
      trees: [],
      linear: [
        { feature: 0, mean: Math.fround(0.5), weight: Math.fround(1.5) },
        { feature: 1, mean: 0, weight: Math.fround(-2) },
      ],
    };
    const rows = Float32Array.from([1, 2, Number.NaN, 0.25, 0.5, Number.NaN]);
    const session = await createScorer({ model: linearOnly });
    const { margin } = await session.scoreBatch(rows, 3);
    await session.release();
    expect(Array.from(margin)).toEqual([-0.25 + 0.75 - 4, -0.25 - 0.5, -0.25].map(Math.fround));
    expect(importOnnx(exportOnnx(linearOnly)).model).toEqual(linearOnly);
  });

  it('rejects a file without a tree ensemble', () => {
    expect(() => importOnnx(new Uint8Array([8, 8]))).toThrow(
      /neither a TreeEnsembleRegressor nor linear weights/,
    );
  });
});

/** The synthetic rows with x3 replaced by category codes 0–5 (missing stays missing). */
function withCategory(data: Float32Array, width: number): Float32Array {
  const copy = Float32Array.from(data);
  for (let i = 3; i < copy.length; i += width) {
    if (!Number.isNaN(copy[i]!)) copy[i] = Math.min(5, Math.floor((copy[i]! + 1) * 3));
  }
  return copy;
}

describe('logistic, blended and forest models (linear terms, lookup trees, deep trees) score the same everywhere', () => {
  const categorical = [false, false, false, true, false];
  const trainData = withCategory(train.data, train.width);
  const testData = withCategory(test.data, test.width);
  const fitted = trainLogistic(trainData, train.labels, train.width, { categorical, l2: 1 });
  const logistic = logisticAsModel(fitted, train.featureNames, trainData);
  const gbdt = trainGbdt(trainData, train.labels, train.featureNames, {
    seed: 3,
    rounds: 60,
    refit: false,
  }).model;
  const everyRow = Uint32Array.from({ length: train.rows }, (_, i) => i);
  const forest = trainForest(
    binMatrix(trainData, train.rows, fitBinEdges(trainData, train.width, everyRow, 255)),
    train.labels,
    everyRow,
    train.featureNames,
    { trees: 30, maxDepth: 10, minSamplesLeaf: 1 },
    createRandom(5),
  ).model;
  const models = { logistic, blend: blendModels(gbdt, logistic, 0.4), forest };

  it('the lookup-tree form equals the fitted logistic regression', () => {
    expect(logistic.linear!.map((term) => term.feature)).toEqual([0, 1, 2, 4]);
    expect(logistic.trees.length).toBe(5); // x3's categories, and a missing indicator for each other column
    for (let i = 0; i < 500; i++) {
      const row = rowOf(testData, test.width, i);
      expect(predictMargin(logistic, row)).toBeCloseTo(
        Math.log(1 / (1 / predictLogistic(fitted, row) - 1)),
        5,
      );
    }
  });

  for (const [name, candidate] of Object.entries(models)) {
    it(`${name}: onnxruntime-web, the evaluator and the ONNX round trip agree to 1e-6`, async () => {
      const bytes = exportOnnx(candidate);
      const session = await createScorer({ model: bytes, features: test.width });
      const { probability } = await session.scoreBatch(testData, test.rows);
      await session.release();
      const scorer = createTreeScorer({ model: candidate });
      const batch = scorer.scoreBatch(testData, test.rows);
      const layout = createTreeScorer({ model: candidate, evaluator: 'layout' }).scoreBatch(
        testData,
        test.rows,
      );
      const fromFile = createTreeScorer({ model: bytes }).scoreBatch(testData, test.rows);
      for (let i = 0; i < test.rows; i++) {
        const row = rowOf(testData, test.width, i);
        const expected = sigmoid(predictMargin(candidate, row));
        expect(Math.abs(probability[i]! - expected)).toBeLessThan(1e-6);
        expect(Math.abs(batch[i]! - expected)).toBeLessThan(1e-6);
        expect(Math.abs(fromFile[i]! - expected)).toBeLessThan(1e-6);
        expect(Math.abs(layout[i]! - expected)).toBeLessThan(1e-6);
        expect(Math.abs(scorer.score(row) - expected)).toBeLessThan(1e-6);
      }
      expect(importOnnx(bytes).model.linear).toEqual(candidate.linear);
    });
  }
});
