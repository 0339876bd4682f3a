import { describe, expect, it } from 'vitest';
import { predictMargin, type TreeModel } from '../src/model.js';
import { trainGbdt } from '../src/train/gbdt.js';
import { createTreeScorer } from '../src/tree-scorer.js';
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

  it('covers both forms: the deep ensemble has trees too large for one table', () => {
    expect(shallow.trees.every((tree) => tableCells(tree) <= 1024)).toBe(true);
    expect(deep.trees.some((tree) => tableCells(tree) > 1024)).toBe(true);
    const missingBoth = (model: TreeModel) =>
      model.trees.some((tree) => tree.missingLeft.some((left, node) => tree.feature[node]! >= 0 && !left));
    expect(missingBoth(shallow) && missingBoth(deep)).toBe(true);
  });
});
