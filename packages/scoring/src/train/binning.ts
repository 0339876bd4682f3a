/**
 * Histogram binning: each feature's values map to at most `maxBins` ordered bins, and the learner
 * only ever splits between bins. Edges are float32 values chosen so that `x <= edge[b]` holds
 * exactly for the values of bins 0..b, in float32 and float64 alike, which is what lets the ONNX
 * model (float32 inputs) and the trainer agree bit for bit on every split.
 */
export const MISSING_BIN = 255;
export const MAX_BINS = 255;

export interface BinnedMatrix {
  rows: number;
  features: number;
  /** Column-major bin codes: feature j of row i at `j * rows + i`; MISSING_BIN for NaN. */
  codes: Uint8Array;
  /** Per feature, ascending float32 upper edges; the last edge is +Infinity. */
  edges: Float32Array[];
}

export function fitBinEdges(
  data: Float32Array,
  featureCount: number,
  rowIndices: ArrayLike<number>,
  maxBins = MAX_BINS,
): Float32Array[] {
  const edges: Float32Array[] = [];
  for (let j = 0; j < featureCount; j++) {
    const present: number[] = [];
    for (let k = 0; k < rowIndices.length; k++) {
      const x = data[rowIndices[k]! * featureCount + j]!;
      if (!Number.isNaN(x)) present.push(x);
    }
    edges.push(edgesFor(Float32Array.from(present).sort(), maxBins));
  }
  return edges;
}

function edgesFor(sorted: Float32Array, maxBins: number): Float32Array {
  const distinct: number[] = [];
  const counts: number[] = [];
  for (const x of sorted) {
    if (distinct.length > 0 && distinct[distinct.length - 1] === x) counts[counts.length - 1]!++;
    else {
      distinct.push(x);
      counts.push(1);
    }
  }
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let k = 0; k + 1 < distinct.length; k++) cuts.push(between(distinct[k]!, distinct[k + 1]!));
  } else {
    // Equal-frequency bins: cut after the distinct value where the running count passes each quantile.
    const perBin = sorted.length / maxBins;
    let seen = 0;
    let nextQuantile = perBin;
    for (let k = 0; k + 1 < distinct.length && cuts.length < maxBins - 1; k++) {
      seen += counts[k]!;
      if (seen >= nextQuantile) {
        cuts.push(between(distinct[k]!, distinct[k + 1]!));
        while (nextQuantile <= seen) nextQuantile += perBin;
      }
    }
  }
  cuts.push(Number.POSITIVE_INFINITY);
  return Float32Array.from(cuts);
}

/** A float32 threshold t with low <= t < high, near the midpoint. */
function between(low: number, high: number): number {
  const middle = Math.fround((low + high) / 2);
  return middle >= high || middle < low ? low : middle;
}

export function binIndex(edges: Float32Array, x: number): number {
  if (Number.isNaN(x)) return MISSING_BIN;
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function binMatrix(data: Float32Array, rows: number, edges: Float32Array[]): BinnedMatrix {
  const features = edges.length;
  const codes = new Uint8Array(rows * features);
  for (let j = 0; j < features; j++) {
    const featureEdges = edges[j]!;
    for (let i = 0; i < rows; i++) codes[j * rows + i] = binIndex(featureEdges, data[i * features + j]!);
  }
  return { rows, features, codes, edges };
}
