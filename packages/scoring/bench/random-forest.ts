import { type BinnedMatrix, binMatrix, fitBinEdges } from '../src/train/binning.js';
import { createRandom } from '../src/train/random.js';
import { type GrownTree, growTree, leafOfBinned } from '../src/train/tree-builder.js';

/**
 * The original design's model, rebuilt for a fair comparison: a random forest of 100 trees of depth
 * 10 (bootstrap rows, √features per split, Gini-equivalent variance gain), grown by the package's
 * own histogram tree builder with `g = -y`, `h = 1`, so each leaf holds its positive rate.
 */
export interface RandomForest {
  trees: GrownTree[];
  edges: Float32Array[];
}

export function trainRandomForest(
  data: Float32Array,
  labels: Uint8Array,
  featureCount: number,
  options: { trees?: number; maxDepth?: number; seed?: number } = {},
): RandomForest {
  const rows = labels.length;
  const random = createRandom(options.seed ?? 42);
  const all = Uint32Array.from({ length: rows }, (_, i) => i);
  const matrix = binMatrix(data, rows, fitBinEdges(data, featureCount, all));
  const trees: GrownTree[] = [];
  for (let t = 0; t < (options.trees ?? 100); t++) {
    const weight = new Float64Array(rows);
    for (let k = 0; k < rows; k++) weight[Math.floor(random() * rows)]!++;
    const grad = new Float64Array(rows);
    const sampled: number[] = [];
    for (let i = 0; i < rows; i++) {
      grad[i] = -labels[i]! * weight[i]!;
      if (weight[i]! > 0) sampled.push(i);
    }
    trees.push(
      growTree(matrix, grad, weight, Uint32Array.from(sampled), {
        maxDepth: options.maxDepth ?? 10,
        minSamplesLeaf: 1,
        minChildWeight: 0,
        l2: 0,
        minSplitGain: 1e-12,
        leafScale: 1,
        allowedFeatures: all.subarray(0, featureCount),
        featuresPerNode: Math.max(1, Math.floor(Math.sqrt(featureCount))),
        random,
      }),
    );
  }
  return { trees, edges: matrix.edges };
}

/** Mean positive rate over the trees for every row of a (new) row-major matrix. */
export function predictRandomForest(forest: RandomForest, data: Float32Array, rows: number): Float64Array {
  const matrix: BinnedMatrix = binMatrix(data, rows, forest.edges);
  const scores = new Float64Array(rows);
  for (const grown of forest.trees) {
    for (let i = 0; i < rows; i++)
      scores[i]! += grown.tree.value[leafOfBinned(grown, matrix, i)]! / forest.trees.length;
  }
  return scores;
}
