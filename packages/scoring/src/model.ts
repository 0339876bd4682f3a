/**
 * The serialisable model: an ensemble of binary trees whose summed leaves plus `baseScore` give the
 * margin (log-odds); the probability is its sigmoid. Plain arrays, so it stores as JSON in a table.
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

export const MODEL_FORMAT = 'hidden-key.trees.v1';

export interface TreeModel {
  format: typeof MODEL_FORMAT;
  featureNames: string[];
  /** Margin every prediction starts from (log-odds of the training base rate). */
  baseScore: number;
  trees: Tree[];
}

export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}

/** Reference evaluation of one row, straight from the model's arrays (the trainer's own predictions). */
export function predictMargin(model: TreeModel, row: ArrayLike<number>): number {
  let margin = model.baseScore;
  for (const tree of model.trees) margin += tree.value[leafOf(tree, row)]!;
  return margin;
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
