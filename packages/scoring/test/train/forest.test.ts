import { describe, expect, it } from 'vitest';
import { predictMargin, sigmoid } from '../../src/model.js';
import { binMatrix, fitBinEdges } from '../../src/train/binning.js';
import { trainForest } from '../../src/train/forest.js';
import { auc } from '../../src/train/metrics.js';
import { createRandom } from '../../src/train/random.js';
import { trainModelOnMatrix } from '../../src/train/train-model.js';
import { rowOf, syntheticData } from '../synthetic.js';

const everyRow = (rows: number) => Uint32Array.from({ length: rows }, (_, i) => i);
const binned = (data: Float32Array, rows: number, width: number) =>
  binMatrix(data, rows, fitBinEdges(data, width, everyRow(rows), 255));

describe('the random forest', () => {
  it("scores a row by the mean of its trees' positive shares, as the model it answers does", () => {
    const { data, labels, featureNames, width, rows } = syntheticData(400, 7);
    const params = { trees: 20, maxDepth: 6, minSamplesLeaf: 1 };
    const grow = () =>
      trainForest(
        binned(data, rows, width),
        labels,
        everyRow(rows),
        featureNames,
        params,
        createRandom(1),
        everyRow(rows),
      );
    const forest = grow();
    expect(forest.model.trees).toHaveLength(20);
    for (const tree of forest.model.trees) {
      tree.feature.forEach((feature, node) => {
        if (feature >= 0) return;
        // A leaf holds its share of positives over the number of trees.
        expect(tree.value[node]! * params.trees).toBeGreaterThanOrEqual(0);
        expect(tree.value[node]! * params.trees).toBeLessThanOrEqual(1 + 1e-6);
      });
    }
    for (let i = 0; i < rows; i++) {
      expect(forest.margins[i]).toBeCloseTo(predictMargin(forest.model, rowOf(data, width, i)), 5);
    }
    expect(auc(labels, forest.margins)).toBeGreaterThan(0.85);
    expect(grow().model).toEqual(forest.model);
  });

  it('draws features until enough vary in the node, so constant columns do not stop its trees', () => {
    // One informative column among 24 constant ones: a draw of ⌊√25⌋ = 5 features misses it four
    // times in five, and a tree whose root draw held only constant columns would be a single leaf.
    const rows = 200;
    const width = 25;
    const random = createRandom(3);
    const data = new Float32Array(rows * width).fill(1);
    const labels = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      data[i * width] = random();
      labels[i] = data[i * width]! > 0.5 ? 1 : 0;
    }
    const featureNames = Array.from({ length: width }, (_, k) => `c${k}`);
    const forest = trainForest(
      binned(data, rows, width),
      labels,
      everyRow(rows),
      featureNames,
      { trees: 30, maxDepth: 3, minSamplesLeaf: 1 },
      createRandom(4),
    );
    expect(forest.model.trees.map((tree) => tree.feature[0])).toEqual(Array(30).fill(0));
  });

  it('is chosen as a candidate with log-odds margins: its probabilities average to the base rate', async () => {
    const { data, labels, featureNames, width, rows } = syntheticData(600, 11);
    // Without the calibration step, so the log-odds come from the candidate itself.
    const { model, run } = await trainModelOnMatrix(data, labels, {
      featureNames,
      kinds: ['forest'],
      folds: 3,
      calibrate: false,
    });
    expect(run.algorithm).toBe('forest');
    expect(run.selection.chosen).toBe('forest');
    expect(model.trees).toHaveLength(100);
    let positives = 0;
    let predicted = 0;
    for (let i = 0; i < rows; i++) {
      positives += labels[i]!;
      predicted += sigmoid(predictMargin(model, rowOf(data, width, i)));
    }
    // The mean share alone (0 to 1) would give probabilities of 0.5 to 0.73 whatever the base rate.
    expect(Math.abs(predicted / rows - positives / rows)).toBeLessThan(0.05);
    expect(run.metrics.validation!.auc).toBeGreaterThan(0.8);
  });
});
