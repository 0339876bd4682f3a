import { averageInnerValues, MODEL_FORMAT, type TreeModel } from '../model.js';
import type { BinnedMatrix } from './binning.js';
import type { Random } from './random.js';
import { growTree, leafOfBinned } from './tree-builder.js';

/**
 * A random forest (Breiman 2001) in the shared model shape: deep trees, each grown on a bootstrap
 * sample of the rows with a fresh draw of √features at every split, by the same histogram builder
 * as the GBDT (`g = −y`, `h = 1`, no L2: the gain is the Gini reduction and a leaf's value its
 * positive share). Where boosting's shallow trees add up effects, bagged deep trees average
 * interactions, and they win on some small tables (in the bench, the scikit-learn forest was the
 * best peer on Sacramento and digits).
 *
 * As scikit-learn's forest does, it averages the trees' positive shares: the margin this gives is
 * that mean (0 to 1), an ordinary sum of leaf values (each share / trees), so the evaluators, ONNX
 * and TreeSHAP need nothing new. Selection maps it to log-odds by a Platt fit on its out-of-fold
 * margins (folded into the leaves). Averaging each leaf's log-odds instead, smoothed so a pure
 * leaf stays finite, ranked worse on the tables tried (ionosphere 0.9789 against 0.9844).
 */
export interface ForestParams {
  trees: number;
  maxDepth: number;
  minSamplesLeaf: number;
}

/** scikit-learn's forest as the bench compares against: 100 trees of depth 10. */
export const FOREST_PARAMS: ForestParams = { trees: 100, maxDepth: 10, minSamplesLeaf: 1 };

export interface Forest {
  model: TreeModel;
  /** Indexed by the matrix's rows: the margin of each row asked for in `scored`, 0 elsewhere. */
  margins: Float64Array;
}

/**
 * Grows the forest on `rows` of `matrix` (bootstrap samples drawn from them), scoring the `scored`
 * rows as it goes (cross-validation's held-out rows; none for a refit).
 */
export function trainForest(
  matrix: BinnedMatrix,
  labels: Uint8Array,
  rows: Uint32Array,
  featureNames: readonly string[],
  params: ForestParams,
  random: Random,
  scored: Uint32Array = new Uint32Array(0),
): Forest {
  const grad = new Float64Array(matrix.rows);
  const hess = new Float64Array(matrix.rows).fill(1);
  for (const row of rows) grad[row] = -labels[row]!;
  const allowedFeatures = Uint32Array.from({ length: matrix.features }, (_, i) => i);
  const featuresPerNode = Math.max(1, Math.floor(Math.sqrt(matrix.features)));
  const model: TreeModel = { format: MODEL_FORMAT, featureNames: [...featureNames], baseScore: 0, trees: [] };
  const margins = new Float64Array(matrix.rows);
  for (let t = 0; t < params.trees; t++) {
    const sample = Uint32Array.from({ length: rows.length }, () => rows[Math.floor(random() * rows.length)]!);
    const grown = growTree(matrix, grad, hess, sample.sort(), {
      maxDepth: params.maxDepth,
      minSamplesLeaf: params.minSamplesLeaf,
      minChildWeight: 0,
      l2: 0,
      minSplitGain: 1e-12,
      leafScale: 1,
      allowedFeatures,
      featuresPerNode,
      skipConstantFeatures: true,
      random,
    });
    const { tree } = grown;
    for (let node = 0; node < tree.feature.length; node++) {
      if (tree.feature[node]! >= 0) continue;
      // A leaf with no positives holds −0 (−0 / n from the builder); JSON would store it as 0.
      tree.value[node] = Math.fround((tree.value[node]! || 0) / params.trees);
    }
    averageInnerValues(tree);
    model.trees.push(tree);
    for (const row of scored) margins[row]! += tree.value[leafOfBinned(grown, matrix, row)]!;
  }
  return { model, margins };
}
