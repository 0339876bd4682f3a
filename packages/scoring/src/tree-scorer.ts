import { compileTrees } from './compiled-trees.js';
import { compileWasm } from './compiled-wasm.js';
import { lookupTables } from './leaf-table.js';
import { type LinearTerm, sigmoid, type Tree, type TreeModel } from './model.js';
import { importOnnx } from './onnx/import.js';

/**
 * The dependency-free evaluator. By default batches run in a WebAssembly SIMD module generated from
 * the model (compiled-wasm.ts), four rows per instruction, except bushy trees (`MAX_WASM_TABLES`),
 * and single rows in generated JavaScript (compiled-trees.ts), which has no copy into the module's
 * memory and measures faster for one row; either stands in for the other where only one can be
 * compiled. The fallback layout: every tree is laid out as a complete binary tree of the model's
 * depth in flat typed arrays (shallower leaves are padded with always-left nodes), so a walk is
 * `node = 2 node + 1 + goRight` with no unpredictable branches: `+(x > t)` compiles to a flag move,
 * and a missing value (NaN fails every comparison) goes right only where the model learned so.
 * Batches walk one tree over four rows at a time, single rows four trees at a time, which keeps
 * several independent loads in flight; plain functions over one layout shape keep V8 monomorphic. Semantics match the ONNX model exactly (float32 inputs).
 */
export interface TreeScorer {
  readonly featureNames: readonly string[];
  /** Which evaluator runs the trees. */
  readonly evaluator: 'compiled' | 'layout';
  /** Probability for one row of features (NaN = missing). */
  score(row: ArrayLike<number>): number;
  /** Margin (log-odds) for one row. */
  margin(row: ArrayLike<number>): number;
  /** Probabilities for `rows` rows stored row-major in `data`. */
  scoreBatch(data: Float32Array | Float64Array, rows?: number): Float64Array;
}

interface Layout {
  depth: number;
  /** The model's trees plus empty ones (every leaf 0) up to a multiple of four. */
  treeCount: number;
  feature: Int32Array;
  threshold: Float32Array;
  /** 1 where a missing value goes right. */
  missingRight: Int32Array;
  leafValue: Float64Array;
}

export interface TreeScorerOptions {
  model: TreeModel | Uint8Array;
  /**
   * `compiled` (the default where code generation is allowed): the trees as generated WebAssembly
   * (batches) and JavaScript (single rows);
   * `layout`: table-driven branch-free walks, for pages whose Content-Security-Policy forbids eval.
   * Both give identical results.
   */
  evaluator?: 'compiled' | 'layout';
}

/**
 * Trees that compile to more lookup tables than this (`lookupTables`: deep or bushy ones, such as a
 * forest's) run in batches as generated JavaScript rather than WebAssembly: the SIMD code computes
 * every table of a tree for every row and keeps one, the JavaScript branches to the one it needs.
 */
export const MAX_WASM_TABLES = 4;

export function createTreeScorer({ model, evaluator = 'compiled' }: TreeScorerOptions): TreeScorer {
  const trees = model instanceof Uint8Array ? importOnnx(model).model : model;
  const width = trees.featureNames.length;
  // The bushy trees are generated on their own, so batches can run them as JavaScript and the rest
  // in WebAssembly; single rows run both parts as JavaScript. Where JavaScript cannot be generated
  // (a CSP), WebAssembly takes every tree.
  const bushy = new Set(
    evaluator === 'compiled' ? trees.trees.filter((tree) => lookupTables(tree) > MAX_WASM_TABLES) : [],
  );
  const others = { ...trees, trees: trees.trees.filter((tree) => !bushy.has(tree)) };
  const othersJs = evaluator === 'compiled' ? compileTrees(others) : null;
  const bushyJs = othersJs && compileTrees({ ...trees, trees: [...bushy], linear: [] });
  const compiled = othersJs && bushyJs && [...othersJs, ...bushyJs];
  const wasmModel = compiled ? others : trees;
  const wasm =
    evaluator === 'compiled' && (wasmModel.trees.length > 0 || (wasmModel.linear?.length ?? 0) > 0)
      ? compileWasm(wasmModel)
      : null;
  const layout = compiled || wasm ? null : layOut(trees.trees);
  const baseScore = trees.baseScore;
  // The compiled code includes the linear terms; the layout walks trees only.
  const linear = layout ? (trees.linear ?? []) : [];
  const single = new Float32Array(width);
  const treeMargin = (data: Float32Array, base: number): number => {
    if (layout) return rowMargin(layout, data, base);
    if (!compiled) return wasm!.row(data, base);
    let sum = 0;
    for (const chunk of compiled!) sum += chunk.row(data, base);
    return sum;
  };
  const marginOf = (row: ArrayLike<number>): number => {
    if (row.length !== width) {
      throw new RangeError(
        `A row has ${width} features (${trees.featureNames.join(', ')}), not ${row.length}`,
      );
    }
    for (let k = 0; k < width; k++) single[k] = row[k]!;
    return baseScore + treeMargin(single, 0) + linearMargin(linear, single, 0);
  };

  return {
    featureNames: trees.featureNames,
    evaluator: layout ? 'layout' : 'compiled',
    margin: marginOf,
    score: (row) => sigmoid(marginOf(row)),
    scoreBatch(data, rows = data.length / width) {
      // A short buffer would read whatever the last batch left behind (the compiled code's memory).
      if (!Number.isInteger(rows) || rows < 0 || data.length !== rows * width) {
        throw new RangeError(
          `A batch holds a whole number of rows of ${width} features each: got ${data.length} values for ${rows} rows`,
        );
      }
      const inputs = data instanceof Float32Array ? data : Float32Array.from(data);
      const margins = new Float64Array(rows).fill(baseScore);
      if (layout) {
        const whole = rows - (rows % 4);
        addLeavesFourRowsAtATime(layout, width, inputs, whole, margins);
        for (let row = whole; row < rows; row++) margins[row]! += rowMargin(layout, inputs, row * width);
      } else if (wasm) {
        wasm.batch(inputs, rows, width, margins);
        // The bushy trees, when the module holds only the others (null otherwise).
        for (const chunk of bushyJs ?? []) chunk.batch(inputs, rows, width, margins);
      } else {
        // One chunk of trees over every row before the next: its code stays hot in the cache.
        for (const chunk of compiled!) chunk.batch(inputs, rows, width, margins);
      }
      if (linear.length > 0)
        for (let row = 0; row < rows; row++) margins[row]! += linearMargin(linear, inputs, row * width);
      for (let row = 0; row < rows; row++) margins[row] = sigmoid(margins[row]!);
      return margins;
    },
  };
}

function linearMargin(terms: readonly LinearTerm[], data: Float32Array, base: number): number {
  let sum = 0;
  for (const term of terms) {
    const x = data[base + term.feature]!;
    if (!Number.isNaN(x)) sum += term.weight * (x - term.mean);
  }
  return sum;
}

/** Sum of every tree's leaf for the row at `base`, four trees at a time. */
function rowMargin(layout: Layout, data: Float32Array, base: number): number {
  const { depth, feature, threshold, missingRight, leafValue, treeCount } = layout;
  const innerPerTree = 2 ** depth - 1;
  const leavesPerTree = 2 ** depth;
  let sum = 0;
  for (let t = 0; t < treeCount; t += 4) {
    const i0 = t * innerPerTree;
    const i1 = i0 + innerPerTree;
    const i2 = i1 + innerPerTree;
    const i3 = i2 + innerPerTree;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    for (let level = 0; level < depth; level++) {
      const a0 = i0 + n0;
      const a1 = i1 + n1;
      const a2 = i2 + n2;
      const a3 = i3 + n3;
      const x0 = data[base + feature[a0]!]!;
      const x1 = data[base + feature[a1]!]!;
      const x2 = data[base + feature[a2]!]!;
      const x3 = data[base + feature[a3]!]!;
      n0 = 2 * n0 + 1 + (+(x0 > threshold[a0]!) | (missingRight[a0]! & +Number.isNaN(x0)));
      n1 = 2 * n1 + 1 + (+(x1 > threshold[a1]!) | (missingRight[a1]! & +Number.isNaN(x1)));
      n2 = 2 * n2 + 1 + (+(x2 > threshold[a2]!) | (missingRight[a2]! & +Number.isNaN(x2)));
      n3 = 2 * n3 + 1 + (+(x3 > threshold[a3]!) | (missingRight[a3]! & +Number.isNaN(x3)));
    }
    const leaves = t * leavesPerTree - innerPerTree;
    sum +=
      leafValue[leaves + n0]! +
      leafValue[leaves + leavesPerTree + n1]! +
      leafValue[leaves + 2 * leavesPerTree + n2]! +
      leafValue[leaves + 3 * leavesPerTree + n3]!;
  }
  return sum;
}

const ROWS_PER_BLOCK = 64;

function addLeavesFourRowsAtATime(
  layout: Layout,
  width: number,
  data: Float32Array,
  rows: number,
  margins: Float64Array,
): void {
  const { depth, feature, threshold, missingRight, leafValue, treeCount } = layout;
  const innerPerTree = 2 ** depth - 1;
  const leavesPerTree = 2 ** depth;
  // Blocks of rows small enough to stay in L1 while every tree walks over them.
  for (let blockStart = 0; blockStart < rows; blockStart += ROWS_PER_BLOCK) {
    const blockEnd = Math.min(rows, blockStart + ROWS_PER_BLOCK);
    for (let t = 0; t < treeCount; t++) {
      const inner = t * innerPerTree;
      const leaves = t * leavesPerTree - innerPerTree;
      for (let row = blockStart; row < blockEnd; row += 4) {
        const b0 = row * width;
        const b1 = b0 + width;
        const b2 = b1 + width;
        const b3 = b2 + width;
        let n0 = 0;
        let n1 = 0;
        let n2 = 0;
        let n3 = 0;
        for (let level = 0; level < depth; level++) {
          const a0 = inner + n0;
          const a1 = inner + n1;
          const a2 = inner + n2;
          const a3 = inner + n3;
          const x0 = data[b0 + feature[a0]!]!;
          const x1 = data[b1 + feature[a1]!]!;
          const x2 = data[b2 + feature[a2]!]!;
          const x3 = data[b3 + feature[a3]!]!;
          n0 = 2 * n0 + 1 + (+(x0 > threshold[a0]!) | (missingRight[a0]! & +Number.isNaN(x0)));
          n1 = 2 * n1 + 1 + (+(x1 > threshold[a1]!) | (missingRight[a1]! & +Number.isNaN(x1)));
          n2 = 2 * n2 + 1 + (+(x2 > threshold[a2]!) | (missingRight[a2]! & +Number.isNaN(x2)));
          n3 = 2 * n3 + 1 + (+(x3 > threshold[a3]!) | (missingRight[a3]! & +Number.isNaN(x3)));
        }
        margins[row]! += leafValue[leaves + n0]!;
        margins[row + 1]! += leafValue[leaves + n1]!;
        margins[row + 2]! += leafValue[leaves + n2]!;
        margins[row + 3]! += leafValue[leaves + n3]!;
      }
    }
  }
}

function layOut(trees: readonly Tree[]): Layout {
  const depthOf = (tree: Tree, node: number): number =>
    tree.feature[node]! < 0
      ? 0
      : 1 + Math.max(depthOf(tree, tree.left[node]!), depthOf(tree, tree.right[node]!));
  const depth = Math.max(0, ...trees.map((tree) => depthOf(tree, 0)));
  const innerPerTree = 2 ** depth - 1;
  const leavesPerTree = 2 ** depth;
  const treeCount = Math.ceil(trees.length / 4) * 4;
  const layout: Layout = {
    depth,
    treeCount,
    feature: new Int32Array(treeCount * innerPerTree),
    threshold: new Float32Array(treeCount * innerPerTree).fill(Number.POSITIVE_INFINITY),
    missingRight: new Int32Array(treeCount * innerPerTree),
    leafValue: new Float64Array(treeCount * leavesPerTree),
  };
  trees.forEach((tree, t) => {
    const inner = t * innerPerTree;
    const place = (node: number, slot: number, level: number): void => {
      if (level === depth) {
        layout.leafValue[t * leavesPerTree + slot - innerPerTree] = tree.value[node]!;
        return;
      }
      const isLeaf = tree.feature[node]! < 0;
      // A leaf above the full depth becomes a node that always goes left (nothing exceeds +Infinity).
      layout.feature[inner + slot] = isLeaf ? 0 : tree.feature[node]!;
      layout.threshold[inner + slot] = isLeaf ? Number.POSITIVE_INFINITY : tree.threshold[node]!;
      layout.missingRight[inner + slot] = isLeaf || tree.missingLeft[node] ? 0 : 1;
      place(isLeaf ? node : tree.left[node]!, 2 * slot + 1, level + 1);
      place(isLeaf ? node : tree.right[node]!, 2 * slot + 2, level + 1);
    };
    place(0, 0, 0);
  });
  return layout;
}
