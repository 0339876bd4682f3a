import { leafTable } from './leaf-table.js';
import type { LinearTerm, Tree, TreeModel } from './model.js';

/**
 * The model compiled to straight-line JavaScript (as lleaves and treelite do for LightGBM), with
 * few data-dependent branches: a branch per split mispredicts on about every other row, and that
 * is what a compiled tree walk spends most of its time on.
 *
 * - A (sub)tree over few distinct splits becomes a lookup table. Per feature it tests, the row's
 *   bin is how many of its thresholds on that feature the value exceeds (`(x > t1) + (x > t2)`:
 *   flag moves, not jumps), plus an extra bin for a missing value where some split sends one right
 *   (NaN fails every comparison, so it lands in bin 0, which is right wherever missing values go
 *   left). The bins index the table of its leaves: one load.
 * - A tree whose table would be too large branches on its root split (thresholds and leaves as
 *   literals; `!(x > t)` where a missing value goes left, `x <= t` where it goes right) and
 *   compiles each side the same way, so only its top levels branch.
 * - Linear terms are `w * (x - mean)` with their literals, nothing when x is missing.
 *
 * Every feature a chunk reads is loaded once per row. Trees are grouped into functions of ~600 nodes
 * (measured against 250 and 2,000): each loop body stays small enough for the optimising compiler
 * and the instruction cache while it runs over every row. Results equal the
 * reference evaluation (the same float32 comparisons, the same leaf values).
 *
 * Returns null where code generation is not allowed (a Content-Security-Policy without
 * 'unsafe-eval'); the caller then uses the table-driven layout.
 */
export interface CompiledChunk {
  /** The chunk's trees and linear terms summed for the row starting at `base`. */
  row: (data: Float32Array, base: number) => number;
  /** Adds the chunk's terms to `margins` for `rows` rows of `width` (the loop is generated too). */
  batch: (data: Float32Array, rows: number, width: number, margins: Float64Array) => void;
}

const NODES_PER_CHUNK = 600;

interface Chunk {
  terms: string[];
  features: Set<number>;
  table: number[];
}

export function compileTrees(model: TreeModel): CompiledChunk[] | null {
  const chunks: Chunk[] = [];
  let nodes = Number.POSITIVE_INFINITY;
  const linear = model.linear ?? [];
  if (linear.length > 0) {
    chunks.push({
      terms: linear.map(linearTerm),
      features: new Set(linear.map((t) => t.feature)),
      table: [],
    });
  }
  for (const tree of model.trees) {
    if (nodes + tree.feature.length > NODES_PER_CHUNK || chunks.length === 0) {
      chunks.push({ terms: [], features: new Set(), table: [] });
      nodes = 0;
    }
    const chunk = chunks[chunks.length - 1]!;
    for (const feature of tree.feature) if (feature >= 0) chunk.features.add(feature);
    chunk.terms.push(treeTerm(tree, 0, chunk.table));
    nodes += tree.feature.length;
  }
  try {
    return chunks
      .filter((chunk) => chunk.terms.length > 0)
      .map((chunk) => {
        const loads = [...chunk.features].map((f) => `x${f} = d[b + ${f}]`).join(', ');
        const declare = loads ? `const ${loads};\n` : '';
        const sum = chunk.terms.join('\n+ ');
        // Leaves are float32 values (the ONNX contract), so float32 cells are exact and halve the cache taken.
        const exact32 = chunk.table.every((value) => Math.fround(value) === value);
        const table = exact32 ? Float32Array.from(chunk.table) : Float64Array.from(chunk.table);
        const row = new Function('T', `"use strict";\nreturn (d, b) => {\n${declare}return ${sum};\n};`);
        const batch = new Function(
          'T',
          `"use strict";\nreturn (d, rows, width, m) => {\nfor (let r = 0, b = 0; r < rows; r++, b += width) {\n${declare}m[r] += ${sum};\n}\n};`,
        );
        return { row: row(table) as CompiledChunk['row'], batch: batch(table) as CompiledChunk['batch'] };
      });
  } catch {
    return null;
  }
}

/**
 * The subtree at `node` as a table lookup appended to `table` when its table is small enough,
 * otherwise a conditional on its split over its two subtrees, each compiled the same way.
 */
function treeTerm(tree: Tree, node: number, table: number[]): string {
  const feature = tree.feature[node]!;
  if (feature < 0) return literal(tree.value[node]!);
  const lookup = tableTerm(tree, node, table);
  if (lookup) return lookup;
  const x = `x${feature}`;
  const t = literal(tree.threshold[node]!);
  const test = tree.missingLeft[node] ? `!(${x} > ${t})` : `${x} <= ${t}`;
  return `(${test} ? ${treeTerm(tree, tree.left[node]!, table)} : ${treeTerm(tree, tree.right[node]!, table)})`;
}

function tableTerm(tree: Tree, root: number, table: number[]): string | null {
  const lookup = leafTable(tree, root);
  if (!lookup) return null;
  const offset = table.length;
  table.push(...lookup.leaves);
  const index = lookup.features.map(({ feature: f, thresholds, missingBin, stride }) => {
    const counted = thresholds.map((t) => `(x${f} > ${literal(t)})`);
    if (missingBin) counted.push(`(x${f} !== x${f}) * ${thresholds.length + 1}`);
    const bin = counted.join(' + ');
    return stride === 1 ? `(${bin})` : `(${bin}) * ${stride}`;
  });
  return `T[${offset} + ${index.join(' + ')}]`;
}

function linearTerm(term: LinearTerm): string {
  const x = `x${term.feature}`;
  return `(${x} === ${x} ? ${literal(term.weight)} * (${x} - ${literal(term.mean)}) : 0)`;
}

/** Exact: a double's shortest round-trip text (thresholds and leaves are float32 values held in doubles). */
function literal(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return Object.is(value, -0) ? '(-0)' : `(${String(value)})`;
}
