/**
 * The serialisable model: an ensemble of binary trees plus optional linear terms, whose sum with
 * `baseScore` gives the margin (log-odds); the probability is its sigmoid. One shape covers every
 * learner: a GBDT is trees only; a logistic regression is linear terms for its numeric inputs plus
 * one-level lookup trees for its categories and missing-value indicators; a blend is both with
 * scaled weights; calibration (Platt) is folded into the same numbers. Plain arrays: it stores as
 * JSON in a table.
 *
 * Inputs are compared as float32 (the ONNX contract): a row value `x` goes left when
 * `fround(x) <= threshold`, and a missing value (NaN) goes left when `missingLeft` is 1.
 */
export interface Tree {
  /** Feature index tested at each node; -1 marks a leaf. Node 0 is the root. */
  feature: number[];
  /** Float32 split thresholds (0 at leaves). */
  threshold: number[];
  left: number[];
  right: number[];
  /** 1 when a missing value goes left, 0 when it goes right: the learned default direction. */
  missingLeft: number[];
  /** Leaf output at leaves; at inner nodes the cover-weighted mean of the leaves below (for Saabas). */
  value: number[];
  /** Training weight (sum of hessians) that reached each node. */
  cover: number[];
}

/** `weight × (fround(x) − mean)` added to the margin; nothing when x is missing (its indicator is a tree). */
export interface LinearTerm {
  feature: number;
  /** Float32, as the ONNX graph holds it. */
  mean: number;
  /** Float32. */
  weight: number;
}

export const MODEL_FORMAT = 'hidden-key.trees.v1';

export interface TreeModel {
  format: typeof MODEL_FORMAT;
  featureNames: string[];
  /** Margin every prediction starts from (log-odds of the training base rate). */
  baseScore: number;
  trees: Tree[];
  /** Absent on pure tree models. */
  linear?: LinearTerm[];
}

/** The largest finite float32: a threshold every present value passes, and that survives JSON. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * A model read back from JSON (a `jsonb` column, a file), as it was trained. Models of earlier
 * versions held +Infinity thresholds, which JSON wrote as `null` and a comparison reads as 0: those
 * come back as the largest float32, which sends every present value the way +Infinity did.
 */
export function modelFromJson(value: unknown): TreeModel {
  const model = value as TreeModel;
  if (model?.format !== MODEL_FORMAT || !Array.isArray(model.trees)) {
    throw new TypeError(`Not a ${MODEL_FORMAT} model`);
  }
  return {
    ...model,
    trees: model.trees.map((tree) => ({
      ...tree,
      threshold: tree.threshold.map((threshold) => (threshold === null ? FLOAT32_MAX : threshold)),
    })),
  };
}

export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}

/** Reference evaluation of one row, straight from the model's arrays (the trainer's own predictions). */
export function predictMargin(model: TreeModel, row: ArrayLike<number>): number {
  let margin = model.baseScore;
  for (const tree of model.trees) margin += tree.value[leafOf(tree, row)]!;
  for (const term of model.linear ?? []) margin += linearContribution(term, row);
  return margin;
}

export function linearContribution(term: LinearTerm, row: ArrayLike<number>): number {
  const x = Math.fround(row[term.feature]!);
  return Number.isNaN(x) ? 0 : term.weight * (x - term.mean);
}

/** The leaf a row reaches in one tree. */
export function leafOf(tree: Tree, row: ArrayLike<number>): number {
  let node = 0;
  while (tree.feature[node]! >= 0) node = childOf(tree, node, row);
  return node;
}

export function childOf(tree: Tree, node: number, row: ArrayLike<number>): number {
  const x = Math.fround(row[tree.feature[node]!]!);
  if (Number.isNaN(x)) return tree.missingLeft[node] ? tree.left[node]! : tree.right[node]!;
  return x <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
}

/** Sets each inner node's value to the cover-weighted mean of its children, so Saabas contributions telescope. */
export function averageInnerValues(tree: Tree): void {
  const visit = (node: number): void => {
    const left = tree.left[node]!;
    if (tree.feature[node]! < 0) return;
    const right = tree.right[node]!;
    visit(left);
    visit(right);
    const cover = tree.cover[left]! + tree.cover[right]!;
    tree.value[node] =
      cover > 0
        ? (tree.cover[left]! * tree.value[left]! + tree.cover[right]! * tree.value[right]!) / cover
        : (tree.value[left]! + tree.value[right]!) / 2;
  };
  visit(0);
}
