import type { Tree, TreeModel } from './model.js';

/**
 * The ensemble compiled to straight-line JavaScript (as lleaves and treelite do for LightGBM):
 * each tree becomes nested conditionals with its thresholds and leaves as literals, so V8 keeps
 * every constant in registers or the instruction stream and walks no arrays. A split that sends a
 * missing value left is written `!(x > t)` (NaN fails every comparison, so it takes the left arm),
 * one that sends it right `x <= t`: missing values cost nothing extra. Trees are grouped into
 * functions of a few thousand nodes so each stays small enough for the optimising compiler.
 *
 * Returns null where code generation is not allowed (a Content-Security-Policy without
 * 'unsafe-eval'); the caller then uses the table-driven layout.
 */
export interface CompiledChunk {
  /** The chunk's trees summed for the row starting at `base`. */
  row: (data: Float32Array, base: number) => number;
  /** Adds the chunk's trees to `margins` for `rows` rows of `width` (the loop is generated too). */
  batch: (data: Float32Array, rows: number, width: number, margins: Float64Array) => void;
}

const NODES_PER_CHUNK = 2000;

export function compileTrees(model: TreeModel): CompiledChunk[] | null {
  const chunks: string[][] = [[]];
  let nodes = 0;
  for (const tree of model.trees) {
    if (nodes > 0 && nodes + tree.feature.length > NODES_PER_CHUNK) {
      chunks.push([]);
      nodes = 0;
    }
    chunks[chunks.length - 1]!.push(expression(tree, 0));
    nodes += tree.feature.length;
  }
  try {
    return chunks
      .filter((terms) => terms.length > 0)
      .map((terms) => {
        const sum = terms.join('\n+ ');
        return {
          row: new Function('d', 'b', `"use strict";\nreturn ${sum};`) as CompiledChunk['row'],
          batch: new Function(
            'd',
            'rows',
            'width',
            'm',
            `"use strict";\nfor (let r = 0, b = 0; r < rows; r++, b += width) {\nm[r] += ${sum};\n}`,
          ) as CompiledChunk['batch'],
        };
      });
  } catch {
    return null;
  }
}

function expression(tree: Tree, node: number): string {
  const feature = tree.feature[node]!;
  if (feature < 0) return literal(tree.value[node]!);
  const x = `d[b + ${feature}]`;
  const t = literal(tree.threshold[node]!);
  const test = tree.missingLeft[node] ? `!(${x} > ${t})` : `${x} <= ${t}`;
  return `(${test} ? ${expression(tree, tree.left[node]!)} : ${expression(tree, tree.right[node]!)})`;
}

/** Exact: a double's shortest round-trip text (thresholds and leaves are float32 values held in doubles). */
function literal(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return Object.is(value, -0) ? '-0' : String(value);
}
