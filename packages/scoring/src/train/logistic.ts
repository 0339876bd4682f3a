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
  const rows = labels.length;
  const columns: LogisticModel['columns'] = [];
  for (let j = 0; j < featureCount; j++) {
    const values: number[] = [];
    let hasMissing = false;
    for (let i = 0; i < rows; i++) {
      const x = data[i * featureCount + j]!;
      if (Number.isNaN(x)) hasMissing = true;
      else values.push(x);
    }
    if (options.categorical?.[j]) {
      columns.push({ kind: 'categorical', codes: [...new Set(values)].sort((a, b) => a - b) });
    } else {
      const mean = values.reduce((sum, x) => sum + x, 0) / Math.max(values.length, 1);
      const variance = values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(values.length, 1);
      columns.push({ kind: 'numeric', mean, scale: Math.sqrt(variance) || 1, hasMissing });
    }
  }
  const model: LogisticModel = { columns, weights: [] };
  const width = expandedWidth(model);
  const design = new Float64Array(rows * width);
  for (let i = 0; i < rows; i++)
    expandRow(model, data.subarray(i * featureCount, (i + 1) * featureCount), design, i * width);

  const l2 = options.l2 ?? 1;
  const weights = new Float64Array(width);
  for (let iteration = 0; iteration < (options.iterations ?? 25); iteration++) {
    const gradient = new Float64Array(width);
    const hessian = new Float64Array(width * width);
    for (let i = 0; i < rows; i++) {
      const offset = i * width;
      let margin = 0;
      for (let a = 0; a < width; a++) margin += weights[a]! * design[offset + a]!;
      const p = 1 / (1 + Math.exp(-margin));
      const residual = p - labels[i]!;
      const curvature = Math.max(p * (1 - p), 1e-12);
      for (let a = 0; a < width; a++) {
        const xa = design[offset + a]!;
        if (xa === 0) continue;
        gradient[a]! += residual * xa;
        for (let b = 0; b <= a; b++) hessian[a * width + b]! += curvature * xa * design[offset + b]!;
      }
    }
    for (let a = 1; a < width; a++) {
      gradient[a]! += l2 * weights[a]!;
      hessian[a * width + a]! += l2;
    }
    hessian[0]! += 1e-9;
    const step = solveSymmetric(hessian, gradient, width);
    let largest = 0;
    for (let a = 0; a < width; a++) {
      weights[a]! -= step[a]!;
      largest = Math.max(largest, Math.abs(step[a]!));
    }
    if (largest < 1e-8) break;
  }
  model.weights = Array.from(weights);
  return model;
}

export function predictLogistic(model: LogisticModel, row: ArrayLike<number>): number {
  const width = model.weights.length;
  const expanded = new Float64Array(width);
  expandRow(model, row, expanded, 0);
  let margin = 0;
  for (let a = 0; a < width; a++) margin += model.weights[a]! * expanded[a]!;
  return 1 / (1 + Math.exp(-margin));
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
