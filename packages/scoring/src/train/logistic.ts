import {
  averageInnerValues,
  FLOAT32_MAX,
  type LinearTerm,
  MODEL_FORMAT,
  type Tree,
  type TreeModel,
} from '../model.js';

/**
 * Logistic regression, the linear baseline every run is compared with. Categorical columns
 * (given as codes) are one-hot encoded, numeric columns standardised, and a missing value becomes
 * 0 plus an "is missing" indicator. Fitted by Newton's method with an L2 penalty, so it is exact
 * and needs no learning rate.
 */
export interface LogisticModel {
  /** Per input column: categorical codes seen in training, or numeric mean and scale. */
  columns: (
    | { kind: 'categorical'; codes: number[] }
    | { kind: 'numeric'; mean: number; scale: number; hasMissing: boolean }
  )[];
  /** Intercept first, then one weight per expanded column. */
  weights: number[];
}

export interface LogisticOptions {
  /** Which input columns hold category codes. */
  categorical?: readonly boolean[];
  l2?: number;
  iterations?: number;
}

export function trainLogistic(
  data: Float32Array,
  labels: Uint8Array,
  featureCount: number,
  options: LogisticOptions = {},
): LogisticModel {
  return trainLogisticPath(data, labels, featureCount, { ...options, l2: [options.l2 ?? 1] })[0]!;
}

/**
 * One model per L2 strength, strongest first, each Newton run warm-started from the previous
 * solution (a regularisation path), sharing one expanded design matrix: how cross-validation tunes
 * the penalty cheaply.
 */
export function trainLogisticPath(
  data: Float32Array,
  labels: Uint8Array,
  featureCount: number,
  options: Omit<LogisticOptions, 'l2'> & { l2: readonly number[] },
): LogisticModel[] {
  const rows = labels.length;
  const columns = describeColumns(data, rows, featureCount, options.categorical);
  const template: LogisticModel = { columns, weights: [] };
  const width = expandedWidth(template);
  const design = sparseDesign(template, data, rows, featureCount);
  const weights = new Float64Array(width);
  const order = [...options.l2].map((l2, k) => ({ l2, k })).sort((a, b) => b.l2 - a.l2);
  const fitted: LogisticModel[] = new Array(order.length);
  for (const { l2, k } of order) {
    newton(design, labels, width, l2, options.iterations ?? 25, weights);
    fitted[k] = { columns, weights: Array.from(weights) };
  }
  return fitted;
}

function describeColumns(
  data: Float32Array,
  rows: number,
  featureCount: number,
  categorical: readonly boolean[] | undefined,
): LogisticModel['columns'] {
  const columns: LogisticModel['columns'] = [];
  for (let j = 0; j < featureCount; j++) {
    const values: number[] = [];
    let hasMissing = false;
    for (let i = 0; i < rows; i++) {
      const x = data[i * featureCount + j]!;
      if (Number.isNaN(x)) hasMissing = true;
      else values.push(x);
    }
    if (categorical?.[j]) {
      columns.push({ kind: 'categorical', codes: [...new Set(values)].sort((a, b) => a - b) });
    } else {
      const mean = values.reduce((sum, x) => sum + x, 0) / Math.max(values.length, 1);
      const variance = values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(values.length, 1);
      columns.push({ kind: 'numeric', mean, scale: Math.sqrt(variance) || 1, hasMissing });
    }
  }
  return columns;
}

/** The expanded rows in compressed sparse form: one-hot columns make most entries zero. */
interface SparseDesign {
  start: Uint32Array;
  index: Uint32Array;
  value: Float64Array;
}

function sparseDesign(
  model: LogisticModel,
  data: Float32Array,
  rows: number,
  featureCount: number,
): SparseDesign {
  const width = expandedWidth(model);
  const dense = new Float64Array(width);
  const start = new Uint32Array(rows + 1);
  const index: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < rows; i++) {
    dense.fill(0);
    expandRow(model, data.subarray(i * featureCount, (i + 1) * featureCount), dense, 0);
    for (let a = 0; a < width; a++) {
      if (dense[a] === 0) continue;
      index.push(a);
      value.push(dense[a]!);
    }
    start[i + 1] = index.length;
  }
  return { start, index: Uint32Array.from(index), value: Float64Array.from(value) };
}

/**
 * Newton's method with an L2 penalty (not on the intercept), in place on `weights`, each step
 * halved until it lowers the penalised log loss (Armijo backtracking). A full step can overshoot
 * on rows the model nearly separates, and with a weak penalty it then cycles without converging:
 * without the line search the 0.1 fit on the ames table ended its 25 iterations where it began.
 */
function newton(
  design: SparseDesign,
  labels: Uint8Array,
  width: number,
  l2: number,
  iterations: number,
  weights: Float64Array,
): void {
  const { start, index, value } = design;
  const candidate = new Float64Array(width);
  let objective = penalisedLoss(design, labels, l2, weights);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Float64Array(width);
    const hessian = new Float64Array(width * width);
    for (let i = 0; i < labels.length; i++) {
      const from = start[i]!;
      const to = start[i + 1]!;
      let margin = 0;
      for (let k = from; k < to; k++) margin += weights[index[k]!]! * value[k]!;
      const p = 1 / (1 + Math.exp(-margin));
      const residual = p - labels[i]!;
      const curvature = Math.max(p * (1 - p), 1e-12);
      for (let k = from; k < to; k++) {
        const a = index[k]!;
        const xa = value[k]!;
        gradient[a]! += residual * xa;
        const scaled = curvature * xa;
        // Indices rise within a row, so (a, b ≤ a) is the lower triangle.
        for (let m = from; m <= k; m++) hessian[a * width + index[m]!]! += scaled * value[m]!;
      }
    }
    for (let a = 1; a < width; a++) {
      gradient[a]! += l2 * weights[a]!;
      hessian[a * width + a]! += l2;
    }
    hessian[0]! += 1e-9;
    const step = solveSymmetric(hessian, gradient, width);
    let slope = 0;
    for (let a = 0; a < width; a++) slope += gradient[a]! * step[a]!;
    let scale = 1;
    let next = objective;
    for (let halving = 0; halving < 30; halving++, scale /= 2) {
      for (let a = 0; a < width; a++) candidate[a] = weights[a]! - scale * step[a]!;
      next = penalisedLoss(design, labels, l2, candidate);
      if (next <= objective - 1e-4 * scale * slope) break;
    }
    // No step lowers the loss any further: this is the minimum, to the precision of a double.
    if (!(next < objective)) break;
    let largest = 0;
    for (let a = 0; a < width; a++) largest = Math.max(largest, Math.abs(candidate[a]! - weights[a]!));
    weights.set(candidate);
    objective = next;
    if (largest < 1e-8) break;
  }
}

/** Log loss summed over the rows, plus half the L2 penalty on every weight but the intercept. */
function penalisedLoss(design: SparseDesign, labels: Uint8Array, l2: number, weights: Float64Array): number {
  const { start, index, value } = design;
  let loss = 0;
  for (let i = 0; i < labels.length; i++) {
    let margin = 0;
    for (let k = start[i]!; k < start[i + 1]!; k++) margin += weights[index[k]!]! * value[k]!;
    // log(1 + e^m) − y·m, computed without overflow for large |m|.
    loss += Math.max(margin, 0) + Math.log1p(Math.exp(-Math.abs(margin))) - labels[i]! * margin;
  }
  let penalty = 0;
  for (let a = 1; a < weights.length; a++) penalty += weights[a]! * weights[a]!;
  return loss + 0.5 * l2 * penalty;
}

export function predictLogistic(model: LogisticModel, row: ArrayLike<number>): number {
  return 1 / (1 + Math.exp(-predictLogisticMargin(model, row)));
}

export function predictLogisticMargin(model: LogisticModel, row: ArrayLike<number>): number {
  const width = model.weights.length;
  const expanded = new Float64Array(width);
  expandRow(model, row, expanded, 0);
  let margin = 0;
  for (let a = 0; a < width; a++) margin += model.weights[a]! * expanded[a]!;
  return margin;
}

function expandedWidth(model: LogisticModel): number {
  let width = 1;
  for (const column of model.columns) {
    width += column.kind === 'categorical' ? column.codes.length + 1 : column.hasMissing ? 2 : 1;
  }
  return width;
}

function expandRow(model: LogisticModel, row: ArrayLike<number>, out: Float64Array, offset: number): void {
  out[offset] = 1;
  let position = offset + 1;
  model.columns.forEach((column, j) => {
    const x = row[j]!;
    if (column.kind === 'categorical') {
      // The last slot stands for missing or unseen categories.
      const slot = column.codes.indexOf(x);
      out[position + (slot < 0 ? column.codes.length : slot)] = 1;
      position += column.codes.length + 1;
    } else {
      out[position] = Number.isNaN(x) ? 0 : (x - column.mean) / column.scale;
      if (column.hasMissing) out[position + 1] = Number.isNaN(x) ? 1 : 0;
      position += column.hasMissing ? 2 : 1;
    }
  });
}

/** Solves H x = b for a symmetric positive-definite H stored in its lower triangle (Cholesky). */
function solveSymmetric(lower: Float64Array, b: Float64Array, n: number): Float64Array {
  const factor = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = lower[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= factor[i * n + k]! * factor[j * n + k]!;
      factor[i * n + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / factor[j * n + j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= factor[i * n + k]! * y[k]!;
    y[i] = sum / factor[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= factor[k * n + i]! * x[k]!;
    x[i] = sum / factor[i * n + i]!;
  }
  return x;
}

/**
 * The logistic model in the shared model shape, so one evaluator, one ONNX graph and one
 * explanation cover it: numeric inputs become linear terms (standardisation folded into the
 * weight), and each categorical input and each missing-value indicator becomes a lookup tree
 * (a root that sends NaN right, then a balanced search over the codes). `data` gives the covers.
 */
export function logisticAsModel(
  logistic: LogisticModel,
  featureNames: readonly string[],
  data: Float32Array,
): TreeModel {
  const width = featureNames.length;
  const rows = data.length / width;
  const weights = logistic.weights;
  const trees: Tree[] = [];
  const linear: LinearTerm[] = [];
  let position = 1;
  logistic.columns.forEach((column, feature) => {
    const values = Float32Array.from({ length: rows }, (_, i) => data[i * width + feature]!);
    const missing = values.filter((x) => Number.isNaN(x)).length;
    if (column.kind === 'numeric') {
      linear.push({
        feature,
        mean: Math.fround(column.mean),
        weight: Math.fround(weights[position]! / column.scale),
      });
      if (column.hasMissing)
        trees.push(lookupTree(feature, [], [], [rows - missing], weights[position + 1]!, missing));
      position += column.hasMissing ? 2 : 1;
      return;
    }
    const { codes } = column;
    const counts = codes.map((code) => values.filter((x) => x === code).length);
    trees.push(
      lookupTree(
        feature,
        codes,
        weights.slice(position, position + codes.length),
        counts,
        weights[position + codes.length]!,
        missing,
      ),
    );
    position += codes.length + 1;
  });
  return {
    format: MODEL_FORMAT,
    featureNames: [...featureNames],
    baseScore: Math.fround(weights[0]!),
    trees,
    linear,
  };
}

function lookupTree(
  feature: number,
  codes: readonly number[],
  weights: readonly number[],
  counts: readonly number[],
  missingWeight: number,
  missingCount: number,
): Tree {
  const tree: Tree = {
    feature: [],
    threshold: [],
    left: [],
    right: [],
    missingLeft: [],
    value: [],
    cover: [],
  };
  const add = (value: number, cover: number): number => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.missingLeft.push(0);
    tree.value.push(Math.fround(value));
    tree.cover.push(cover);
    return tree.feature.length - 1;
  };
  const split = (node: number, threshold: number, left: number, right: number): void => {
    tree.feature[node] = feature;
    tree.threshold[node] = threshold;
    tree.left[node] = left;
    tree.right[node] = right;
    tree.cover[node] = tree.cover[left]! + tree.cover[right]!;
  };
  const search = (lo: number, hi: number): number => {
    if (lo === hi) return add(weights[lo]!, counts[lo]!);
    const node = add(0, 0);
    const middle = (lo + hi) >>> 1;
    const threshold = Math.fround((codes[middle]! + codes[middle + 1]!) / 2);
    split(node, threshold, search(lo, middle), search(middle + 1, hi));
    return node;
  };
  const root = add(0, 0);
  // Every finite float32 is <= the largest one, so only a missing value (NaN, which fails it) goes
  // right. Not +Infinity: JSON has no Infinity (it would be stored as null, read as 0).
  const present = codes.length > 0 ? search(0, codes.length - 1) : add(0, counts[0] ?? 0);
  split(root, FLOAT32_MAX, present, add(missingWeight, missingCount));
  averageInnerValues(tree);
  return tree;
}
