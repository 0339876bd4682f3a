import type { Tree } from './model.js';

/** Largest table a subtree becomes (8-byte cells; measured: 1024 beats 64 and 256, ties 4096). */
export const MAX_TABLE_CELLS = 1024;

/** One feature a subtree tests: its sorted thresholds, and the table's stride for its bin. */
export interface TableFeature {
  feature: number;
  thresholds: number[];
  /** A missing value has a bin of its own (`thresholds.length + 1`) where some split sends it right. */
  missingBin: boolean;
  stride: number;
}

/**
 * A subtree over few distinct splits as a lookup table, shared by the JavaScript and WebAssembly
 * compilers. Per feature it tests, a row's bin is how many of its thresholds the value exceeds
 * (NaN exceeds none, so bin 0, right wherever a missing value goes left), or the missing bin; the
 * bins index `leaves`. Null when the table would exceed MAX_TABLE_CELLS.
 */
export function leafTable(tree: Tree, root: number): { features: TableFeature[]; leaves: number[] } | null {
  const splits = new Map<number, { thresholds: number[]; missingBin: boolean }>();
  const collect = (node: number): void => {
    const feature = tree.feature[node]!;
    if (feature < 0) return;
    const entry = splits.get(feature) ?? { thresholds: [], missingBin: false };
    if (!entry.thresholds.includes(tree.threshold[node]!)) entry.thresholds.push(tree.threshold[node]!);
    if (!tree.missingLeft[node]) entry.missingBin = true;
    splits.set(feature, entry);
    collect(tree.left[node]!);
    collect(tree.right[node]!);
  };
  collect(root);
  const tested = [...splits.keys()].sort((a, b) => a - b);
  const bins = tested.map((f) => splits.get(f)!.thresholds.length + 1 + (splits.get(f)!.missingBin ? 1 : 0));
  const cells = bins.reduce((product, n) => product * n, 1);
  if (cells > MAX_TABLE_CELLS) return null;

  let stride = 1;
  const features = tested.map((feature, k): TableFeature => {
    const { thresholds, missingBin } = splits.get(feature)!;
    thresholds.sort((a, b) => a - b);
    const entry = { feature, thresholds, missingBin, stride };
    stride *= bins[k]!;
    return entry;
  });
  const leaves: number[] = [];
  for (let cell = 0; cell < cells; cell++) {
    let node = root;
    while (tree.feature[node]! >= 0) {
      const k = tested.indexOf(tree.feature[node]!);
      const { thresholds, missingBin, stride: step } = features[k]!;
      const bin = Math.floor(cell / step) % bins[k]!;
      const right =
        missingBin && bin === thresholds.length + 1
          ? !tree.missingLeft[node]
          : bin > thresholds.indexOf(tree.threshold[node]!);
      node = right ? tree.right[node]! : tree.left[node]!;
    }
    leaves.push(tree.value[node]!);
  }
  return { features, leaves };
}

/**
 * How many lookup tables the subtree at `node` compiles to: one when it fits, otherwise those of its
 * two subtrees (both compilers split a tree at its top until each part fits).
 */
export function lookupTables(tree: Tree, node = 0): number {
  if (tree.feature[node]! < 0 || leafTable(tree, node)) return 1;
  return lookupTables(tree, tree.left[node]!) + lookupTables(tree, tree.right[node]!);
}
