import { averageInnerValues, FLOAT32_MAX, type Tree } from '../model.js';
import { type BinnedMatrix, MISSING_BIN } from './binning.js';
import { type Random, shuffle } from './random.js';

/**
 * Grows one regression tree on gradient statistics with per-bin histograms (second-order, as in
 * XGBoost/LightGBM). Gradient boosting calls it with log-loss gradients; the random forest
 * (forest.ts) calls it with `g = -y`, `h = 1`, which makes the same gain a variance (Gini) reduction.
 */
export interface TreeGrowthOptions {
  maxDepth: number;
  minSamplesLeaf: number;
  minChildWeight: number;
  l2: number;
  minSplitGain: number;
  /** Multiplies every leaf value (the learning rate). */
  leafScale: number;
  /** Features this tree may use (column subsampling by tree). */
  allowedFeatures: Uint32Array;
  /** When set, each node draws this many of the allowed features (random-forest style). */
  featuresPerNode?: number;
  /**
   * With `featuresPerNode`: a drawn feature that is constant in the node does not count, and more
   * are drawn until that many vary (or none is left), as scikit-learn's forest does. Without it,
   * a deep tree stops wherever its draw happens to hold only constant features.
   */
  skipConstantFeatures?: boolean;
  random: Random;
}

export interface GrownTree {
  tree: Tree;
  /** Bin each inner node splits after (bins 0..splitBin go left); -1 at leaves. */
  splitBin: number[];
  /** Sum of split gains per feature. */
  gainByFeature: Float64Array;
}

interface Histogram {
  grad: Float64Array;
  hess: Float64Array;
  count: Float64Array;
}

/**
 * Where each feature's bins sit in a histogram: its own bins, then one slot for missing values.
 * Sized per feature rather than 256 slots each, because most features have far fewer bins (a
 * category, a count, a pixel of 17 levels) and clearing, subtracting and summing those empty
 * slots was most of the cost of a small node.
 */
interface HistogramLayout {
  offset: Uint32Array;
  /** Present bins per feature; the missing slot is at `offset + bins`. */
  bins: Uint32Array;
  size: number;
}

/** The rows' gradients, and room to gather a node's share of them in order. */
interface NodeStatistics {
  grad: Float64Array;
  hess: Float64Array;
  orderedGrad: Float64Array;
  orderedHess: Float64Array;
}

function histogramLayout(matrix: BinnedMatrix): HistogramLayout {
  const offset = new Uint32Array(matrix.features);
  const bins = new Uint32Array(matrix.features);
  let size = 0;
  for (let feature = 0; feature < matrix.features; feature++) {
    offset[feature] = size;
    bins[feature] = matrix.edges[feature]!.length;
    size += bins[feature]! + 1;
  }
  return { offset, bins, size };
}

interface Split {
  feature: number;
  bin: number;
  missingLeft: boolean;
  gain: number;
}

export function growTree(
  matrix: BinnedMatrix,
  grad: Float64Array,
  hess: Float64Array,
  sampleRows: Uint32Array,
  options: TreeGrowthOptions,
): GrownTree {
  const rows = Uint32Array.from(sampleRows);
  const scratch = new Uint32Array(rows.length);
  const tree: Tree = {
    feature: [],
    threshold: [],
    left: [],
    right: [],
    missingLeft: [],
    value: [],
    cover: [],
  };
  const splitBin: number[] = [];
  const gainByFeature = new Float64Array(matrix.features);
  const subtractSiblings = options.featuresPerNode === undefined;
  const layout = histogramLayout(matrix);
  const stats: NodeStatistics = {
    grad,
    hess,
    orderedGrad: new Float64Array(rows.length),
    orderedHess: new Float64Array(rows.length),
  };

  const addNode = (): number => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.missingLeft.push(0);
    tree.value.push(0);
    tree.cover.push(0);
    splitBin.push(-1);
    return tree.feature.length - 1;
  };

  type Pending = { node: number; start: number; end: number; depth: number; histogram: Histogram | null };
  const stack: Pending[] = [{ node: addNode(), start: 0, end: rows.length, depth: 0, histogram: null }];

  while (stack.length > 0) {
    const { node, start, end, depth, histogram: inherited } = stack.pop()!;
    const setValue = (totals: Totals) => {
      tree.cover[node] = totals.hess;
      // Leaves are stored as float32 because that is what the ONNX attribute holds.
      tree.value[node] = Math.fround((-totals.grad / (totals.hess + options.l2)) * options.leafScale);
    };
    if (depth >= options.maxDepth) {
      // A leaf by depth needs only its sums, not a histogram.
      setValue(sumRows(grad, hess, rows, start, end));
      if (inherited) release(inherited);
      continue;
    }
    let features: Uint32Array;
    let histogram: Histogram;
    if (options.skipConstantFeatures && options.featuresPerNode !== undefined) {
      ({ features, histogram } = drawVaryingFeatures(matrix, layout, stats, rows, start, end, options));
    } else {
      features = nodeFeatures(options);
      histogram =
        inherited ?? fillHistogram(acquire(layout.size), matrix, layout, stats, rows, start, end, features);
    }
    const totals = sumOf(layout, histogram, features[0]!);
    setValue(totals);

    const split = bestSplit(layout, histogram, features, totals, options);
    if (!split) {
      release(histogram);
      continue;
    }

    const middle = partition(matrix, rows, scratch, start, end, split);
    const leftNode = addNode();
    const rightNode = addNode();
    tree.feature[node] = split.feature;
    // A split after the last bin (present left, missing right) has the +Infinity edge: stored as the
    // largest float32, which every present value passes too and JSON can hold (it has no Infinity).
    tree.threshold[node] = Math.min(matrix.edges[split.feature]![split.bin]!, FLOAT32_MAX);
    tree.left[node] = leftNode;
    tree.right[node] = rightNode;
    tree.missingLeft[node] = split.missingLeft ? 1 : 0;
    splitBin[node] = split.bin;
    gainByFeature[split.feature]! += split.gain;

    let leftHistogram: Histogram | null = null;
    let rightHistogram: Histogram | null = null;
    if (subtractSiblings && depth + 1 < options.maxDepth) {
      // Build the smaller child's histogram and get the larger one by subtraction from the parent.
      const leftIsSmaller = middle - start <= end - middle;
      const small = leftIsSmaller
        ? fillHistogram(acquire(layout.size), matrix, layout, stats, rows, start, middle, features)
        : fillHistogram(acquire(layout.size), matrix, layout, stats, rows, middle, end, features);
      const large = subtract(layout, histogram, small, features);
      leftHistogram = leftIsSmaller ? small : large;
      rightHistogram = leftIsSmaller ? large : small;
    }
    release(histogram);
    stack.push({ node: rightNode, start: middle, end, depth: depth + 1, histogram: rightHistogram });
    stack.push({ node: leftNode, start, end: middle, depth: depth + 1, histogram: leftHistogram });
  }

  averageInnerValues(tree);
  return { tree, splitBin, gainByFeature };
}

function nodeFeatures(options: TreeGrowthOptions): Uint32Array {
  const { allowedFeatures, featuresPerNode } = options;
  if (featuresPerNode === undefined || featuresPerNode >= allowedFeatures.length) return allowedFeatures;
  const drawn = Uint32Array.from(allowedFeatures);
  shuffle(drawn, options.random);
  return drawn.subarray(0, featuresPerNode).sort();
}

/** `featuresPerNode` features drawn in random order, skipping those constant in the node (`skipConstantFeatures`). */
function drawVaryingFeatures(
  matrix: BinnedMatrix,
  layout: HistogramLayout,
  stats: NodeStatistics,
  rows: Uint32Array,
  start: number,
  end: number,
  options: TreeGrowthOptions,
): { features: Uint32Array; histogram: Histogram } {
  const wanted = options.featuresPerNode!;
  const order = Uint32Array.from(options.allowedFeatures);
  shuffle(order, options.random);
  const histogram = acquire(layout.size);
  const varying: number[] = [];
  let next = 0;
  while (varying.length < wanted && next < order.length) {
    const batch = order.subarray(next, next + wanted - varying.length);
    next += batch.length;
    fillHistogram(histogram, matrix, layout, stats, rows, start, end, batch);
    for (const feature of batch) if (varies(layout, histogram, feature)) varying.push(feature);
  }
  // With none varying the node is a leaf; its totals come from the first feature's histogram.
  return {
    features: varying.length > 0 ? Uint32Array.from(varying).sort() : order.subarray(0, 1),
    histogram,
  };
}

/** Whether the node's rows fall in more than one of the feature's slots (missing is a slot). */
function varies(layout: HistogramLayout, histogram: Histogram, feature: number): boolean {
  const offset = layout.offset[feature]!;
  let occupied = 0;
  for (let slot = offset; slot <= offset + layout.bins[feature]!; slot++)
    if (histogram.count[slot]! > 0 && ++occupied > 1) return true;
  return false;
}

/** Fills `features`' slots of `histogram` from the node's rows; answers `histogram`. */
function fillHistogram(
  histogram: Histogram,
  matrix: BinnedMatrix,
  layout: HistogramLayout,
  stats: NodeStatistics,
  rows: Uint32Array,
  start: number,
  end: number,
  features: Uint32Array,
): Histogram {
  const { codes } = matrix;
  // The node's gradients gathered once, in row order, so each feature's pass reads them in
  // sequence instead of gathering them again (LightGBM's "ordered gradients").
  const { grad, hess, orderedGrad, orderedHess } = stats;
  for (let k = start; k < end; k++) {
    orderedGrad[k - start] = grad[rows[k]!]!;
    orderedHess[k - start] = hess[rows[k]!]!;
  }
  for (const feature of features) {
    const column = feature * matrix.rows;
    const offset = layout.offset[feature]!;
    // A present code is below `bins`; MISSING_BIN (255) is not, so min() sends it to the last slot.
    const missing = layout.bins[feature]!;
    histogram.grad.fill(0, offset, offset + missing + 1);
    histogram.hess.fill(0, offset, offset + missing + 1);
    histogram.count.fill(0, offset, offset + missing + 1);
    for (let k = start; k < end; k++) {
      const slot = offset + Math.min(codes[column + rows[k]!]!, missing);
      histogram.grad[slot]! += orderedGrad[k - start]!;
      histogram.hess[slot]! += orderedHess[k - start]!;
      histogram.count[slot]!++;
    }
  }
  return histogram;
}

function subtract(
  layout: HistogramLayout,
  parent: Histogram,
  child: Histogram,
  features: Uint32Array,
): Histogram {
  const result = acquire(layout.size);
  for (const feature of features) {
    const offset = layout.offset[feature]!;
    for (let slot = offset; slot <= offset + layout.bins[feature]!; slot++) {
      result.grad[slot] = parent.grad[slot]! - child.grad[slot]!;
      result.hess[slot] = parent.hess[slot]! - child.hess[slot]!;
      result.count[slot] = parent.count[slot]! - child.count[slot]!;
    }
  }
  return result;
}

/**
 * Histograms are large (every bin of every feature, × 3 doubles) and short-lived, so they are
 * recycled rather than allocated per node: only the slots of the features a node uses are ever
 * read, and those are overwritten (built or subtracted) before use.
 */
const pool = new Map<number, Histogram[]>();

function acquire(size: number): Histogram {
  const reused = pool.get(size)?.pop();
  return (
    reused ?? { grad: new Float64Array(size), hess: new Float64Array(size), count: new Float64Array(size) }
  );
}

function release(histogram: Histogram): void {
  const free = pool.get(histogram.grad.length) ?? [];
  if (free.length < 16) free.push(histogram);
  pool.set(histogram.grad.length, free);
}

interface Totals {
  grad: number;
  hess: number;
  count: number;
}

function sumRows(
  grad: Float64Array,
  hess: Float64Array,
  rows: Uint32Array,
  start: number,
  end: number,
): Totals {
  const totals = { grad: 0, hess: 0, count: end - start };
  for (let k = start; k < end; k++) {
    totals.grad += grad[rows[k]!]!;
    totals.hess += hess[rows[k]!]!;
  }
  return totals;
}

function sumOf(layout: HistogramLayout, histogram: Histogram, feature: number): Totals {
  const totals = { grad: 0, hess: 0, count: 0 };
  const offset = layout.offset[feature]!;
  for (let slot = offset; slot <= offset + layout.bins[feature]!; slot++) {
    totals.grad += histogram.grad[slot]!;
    totals.hess += histogram.hess[slot]!;
    totals.count += histogram.count[slot]!;
  }
  return totals;
}

function bestSplit(
  layout: HistogramLayout,
  histogram: Histogram,
  features: Uint32Array,
  totals: Totals,
  options: TreeGrowthOptions,
): Split | null {
  const { l2, minSamplesLeaf, minChildWeight } = options;
  const score = (g: number, h: number) => (g * g) / (h + l2);
  const parentScore = score(totals.grad, totals.hess);
  let best: Split | null = null;
  const consider = (
    feature: number,
    bin: number,
    missingLeft: boolean,
    gl: number,
    hl: number,
    cl: number,
  ): void => {
    const gr = totals.grad - gl;
    const hr = totals.hess - hl;
    const cr = totals.count - cl;
    if (cl < minSamplesLeaf || cr < minSamplesLeaf || hl < minChildWeight || hr < minChildWeight) return;
    const gain = score(gl, hl) + score(gr, hr) - parentScore;
    if (gain > options.minSplitGain && (best === null || gain > best.gain)) {
      best = { feature, bin, missingLeft, gain };
    }
  };

  for (const feature of features) {
    const offset = layout.offset[feature]!;
    const binCount = layout.bins[feature]!;
    const missingGrad = histogram.grad[offset + binCount]!;
    const missingHess = histogram.hess[offset + binCount]!;
    const missingCount = histogram.count[offset + binCount]!;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let bin = 0; bin < binCount; bin++) {
      // An empty bin splits the rows as the bin before it did: nothing new to consider (on small
      // nodes most bins are empty).
      if (histogram.count[offset + bin] === 0) continue;
      gl += histogram.grad[offset + bin]!;
      hl += histogram.hess[offset + bin]!;
      cl += histogram.count[offset + bin]!;
      if (missingCount > 0) {
        consider(feature, bin, false, gl, hl, cl);
        consider(feature, bin, true, gl + missingGrad, hl + missingHess, cl + missingCount);
      } else if (bin + 1 < binCount) {
        // No missing values seen here: send future ones where most of the training weight went.
        consider(feature, bin, hl >= totals.hess - hl, gl, hl, cl);
      }
    }
  }
  return best;
}

/** Stable in-place partition of rows[start, end) by the split; returns the first right index. */
function partition(
  matrix: BinnedMatrix,
  rows: Uint32Array,
  scratch: Uint32Array,
  start: number,
  end: number,
  split: Split,
): number {
  const column = split.feature * matrix.rows;
  let left = start;
  let right = 0;
  for (let k = start; k < end; k++) {
    const row = rows[k]!;
    const code = matrix.codes[column + row]!;
    const goesLeft = code === MISSING_BIN ? split.missingLeft : code <= split.bin;
    if (goesLeft) rows[left++] = row;
    else scratch[right++] = row;
  }
  rows.set(scratch.subarray(0, right), left);
  return left;
}

/** Leaf reached by row `row` of the binned matrix. */
export function leafOfBinned(grown: GrownTree, matrix: BinnedMatrix, row: number): number {
  const { tree, splitBin } = grown;
  let node = 0;
  while (tree.feature[node]! >= 0) {
    const code = matrix.codes[tree.feature[node]! * matrix.rows + row]!;
    const goesLeft = code === MISSING_BIN ? tree.missingLeft[node] === 1 : code <= splitBin[node]!;
    node = goesLeft ? tree.left[node]! : tree.right[node]!;
  }
  return node;
}
