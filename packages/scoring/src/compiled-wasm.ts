import { leafTable } from './leaf-table.js';
import type { LinearTerm, Tree, TreeModel } from './model.js';

/**
 * The model compiled to a WebAssembly module with 128-bit SIMD: four rows at a time, one lane each.
 * Generated JavaScript (compiled-trees.ts) spends ~1,400 scalar comparisons per row on the ames
 * model; here each comparison serves four rows (measured about twice as fast on 10,000 leads).
 *
 * - A (sub)tree over few distinct splits is one lookup in a table of its leaves (as in
 *   compiled-trees.ts): per feature it tests, the bin is how many of its thresholds the value
 *   exceeds, summed from `f32x4.gt` masks (−1 per lane where true) and scaled by the feature's
 *   stride; an extra bin for a missing value where some split sends it right. The result is each
 *   lane's byte address in the table; two `v128.load64_zero`/`load64_lane` pairs fetch the four
 *   leaves straight into the float64x2 sums (float64 cells: measured faster than float32 ones,
 *   which need a scalar load, a widening and a scalar add per lane).
 * - A tree whose table would be too large computes the addresses of both subtrees of its root and
 *   keeps, per lane, the one its split chooses (`v128.bitselect`): no branch, every lane its own path.
 * - Linear terms are `w × (x − mean)` in float64 lanes, 0 where x is missing.
 *
 * Thresholds are float32 and so are the rows, so `f32x4.gt(x, t)` is the reference's
 * `fround(x) > t`, and a missing value (NaN) fails every comparison. Leaves and sums are float64, so
 * results equal the reference evaluation up to the order of the additions.
 *
 * Rows are copied into the module's memory in blocks (row-major, as given); the generated code
 * gathers each feature of four rows into a vector once per group. Returns null where WebAssembly,
 * its SIMD or compiling it is unavailable (a CSP without 'wasm-unsafe-eval'); the caller falls back
 * to generated JavaScript, then to the table-driven layout.
 */
export interface CompiledModule {
  /** Margins without the base score for `rows` rows of `width`, added to `margins`. */
  batch(data: Float32Array, rows: number, width: number, margins: Float64Array): void;
  /** The same for the one row starting at `base`. */
  row(data: Float32Array, base: number): number;
}

/** Rows copied into the module per call: 256 × 73 features × 4 bytes stays in L2 while every tree runs. */
const BLOCK_ROWS = 256;
/** Nodes per generated function, each a loop over the block (as compiled-trees.ts chunks its code). */
const NODES_PER_CHUNK = 600;

export function compileWasm(model: TreeModel): CompiledModule | null {
  if (typeof WebAssembly !== 'object') return null;
  try {
    return instantiate(model);
  } catch {
    return null;
  }
}

function instantiate(model: TreeModel): CompiledModule {
  const width = model.featureNames.length;
  const layout = new MemoryLayout();
  const linear = model.linear ?? [];
  // Trees in chunks of ~NODES_PER_CHUNK nodes, one function each, linear terms in the first.
  const chunks: { trees: Tree[]; linear: LinearTerm[] }[] = [];
  let nodes = Number.POSITIVE_INFINITY;
  for (const tree of model.trees) {
    if (nodes + tree.feature.length > NODES_PER_CHUNK) {
      chunks.push({ trees: [], linear: [] });
      nodes = 0;
    }
    chunks[chunks.length - 1]!.trees.push(tree);
    nodes += tree.feature.length;
  }
  if (chunks.length === 0) chunks.push({ trees: [], linear: [] });
  chunks[0]!.linear = linear;
  const bodies = chunks.map((chunk) => chunkCode(chunk.trees, chunk.linear, width, layout));
  const inputAt = layout.reserve(BLOCK_ROWS * width * 4, 16);
  const outputAt = layout.reserve(BLOCK_ROWS * 8, 16);
  const functions = bodies.map((code, k) => code(inputAt, outputAt, k === 0));
  const run = new Code();
  for (let k = 0; k < functions.length; k++) run.localGet(0).op(0x10).uleb(k); // call chunk k
  run.op(0x0b);
  functions.push({ locals: [], body: run });

  const bytes = moduleBytes(layout, functions);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  const runAll = instance.exports.run as (groups: number) => void;
  const memory = instance.exports.memory as WebAssembly.Memory;
  const input = new Float32Array(memory.buffer, inputAt, BLOCK_ROWS * width);
  const output = new Float64Array(memory.buffer, outputAt, BLOCK_ROWS);

  return {
    batch(data, rows, _width, margins) {
      for (let start = 0; start < rows; start += BLOCK_ROWS) {
        const count = Math.min(BLOCK_ROWS, rows - start);
        // Lanes past the last row read what an earlier block left there; their sums are dropped.
        input.set(data.subarray(start * width, (start + count) * width));
        runAll(Math.ceil(count / 4));
        for (let k = 0; k < count; k++) margins[start + k]! += output[k]!;
      }
    },
    row(data, base) {
      input.set(data.subarray(base, base + width));
      runAll(1);
      return output[0]!;
    },
  };
}

interface WasmFunction {
  locals: [count: number, type: number][];
  body: Code;
}

/**
 * One chunk as a function `(groups)`: for each group of four rows, gather the features it reads,
 * sum its trees' leaves and linear terms per lane, and store (first chunk) or add the sums.
 */
function chunkCode(trees: Tree[], linear: LinearTerm[], width: number, layout: MemoryLayout) {
  // Locals after the parameter (0: groups): 1 group, 2 row address, 3 output address,
  // 4–5 the sums of lanes 0–1 and 2–3 (f64x2), 6 leaf addresses, 7 a widened feature, then one
  // vector per feature.
  const GROUPS = 0;
  const GROUP = 1;
  const ROW = 2;
  const OUT = 3;
  const SUMS = 4;
  const INDEX = 6;
  const WIDE = 7;
  const FEATURE = 8;
  // Tables and constants are placed now (their addresses are literals in the code).
  const treeCode = trees.map((tree) => {
    const code = new Code();
    treeAddress(tree, 0, code, layout, FEATURE);
    return code;
  });
  const linearCode = new Code();
  for (const term of linear) linearTerm(term, linearCode, layout, FEATURE + term.feature, SUMS, WIDE);
  const used = new Set<number>();
  for (const tree of trees) for (const feature of tree.feature) if (feature >= 0) used.add(feature);
  for (const term of linear) used.add(term.feature);

  return (inputAt: number, outputAt: number, first: boolean): WasmFunction => {
    const body = new Code();
    // for (group = 0; group < groups; group++)
    body.i32Const(0).localSet(GROUP);
    body.op(0x02, 0x40, 0x03, 0x40); // block, loop
    body.localGet(GROUP).localGet(GROUPS).op(0x4f, 0x0d, 1); // i32.ge_u; br_if 1
    body
      .localGet(GROUP)
      .i32Const(16 * width)
      .op(0x6c)
      .i32Const(inputAt)
      .op(0x6a)
      .localSet(ROW);
    body.localGet(GROUP).i32Const(32).op(0x6c).i32Const(outputAt).op(0x6a).localSet(OUT);
    for (const feature of used) {
      // Lane k holds row k of the group: splat row 0's value, then replace lanes 1–3.
      body.localGet(ROW).simdMem(0x09, 2, feature * 4);
      for (let lane = 1; lane < 4; lane++) {
        body.localGet(ROW).mem(0x2a, 2, (lane * width + feature) * 4);
        body.simd(0x20).op(lane);
      }
      body.localSet(FEATURE + feature);
    }
    body.f64Const(0).simd(0x14).localSet(SUMS);
    body
      .f64Const(0)
      .simd(0x14)
      .localSet(SUMS + 1);
    for (const code of treeCode) {
      body.append(code).localSet(INDEX);
      // Lanes 0–1 and 2–3: v128.load64_zero of one leaf, v128.load64_lane of the other, f64x2.add.
      for (let half = 0; half < 2; half++) {
        body
          .localGet(INDEX)
          .simd(0x1b)
          .op(2 * half + 1);
        body
          .localGet(INDEX)
          .simd(0x1b)
          .op(2 * half)
          .simdMem(0x5d, 3, 0);
        body.simdMem(0x57, 3, 0).op(1);
        body
          .localGet(SUMS + half)
          .simd(0xf0, 0x01)
          .localSet(SUMS + half);
      }
    }
    body.append(linearCode);
    for (let lane = 0; lane < 4; lane++) {
      body
        .localGet(OUT)
        .localGet(SUMS + (lane >> 1))
        .simd(0x21)
        .op(lane & 1); // f64x2.extract_lane
      if (!first)
        body
          .localGet(OUT)
          .mem(0x2b, 3, lane * 8)
          .op(0xa0); // + what earlier chunks stored
      body.mem(0x39, 3, lane * 8); // f64.store
    }
    body.localGet(GROUP).i32Const(1).op(0x6a).localSet(GROUP).op(0x0c, 0); // br 0
    body.op(0x0b, 0x0b, 0x0b); // end loop, end block, end function
    return {
      locals: [
        [3, 0x7f],
        [4, 0x7b],
        [width, 0x7b],
      ],
      body,
    };
  };
}

/** Pushes the i32x4 of each lane's leaf address for the subtree at `node`. */
function treeAddress(tree: Tree, node: number, code: Code, layout: MemoryLayout, featureLocal: number): void {
  if (tableAddress(tree, node, code, layout, featureLocal)) return;
  const x = featureLocal + tree.feature[node]!;
  // bitselect(right, left, goesRight): each lane keeps the side its own split sends it to.
  treeAddress(tree, tree.right[node]!, code, layout, featureLocal);
  treeAddress(tree, tree.left[node]!, code, layout, featureLocal);
  const t = tree.threshold[node]!;
  if (tree.missingLeft[node])
    code.localGet(x).f32Const(t).simd(0x13).simd(0x44); // x > t
  else code.localGet(x).f32Const(t).simd(0x13).simd(0x45).simd(0x4d); // !(x <= t): NaN goes right
  code.simd(0x52);
}

/** The subtree as one table lookup when its table is small enough (false otherwise, nothing emitted). */
function tableAddress(
  tree: Tree,
  root: number,
  code: Code,
  layout: MemoryLayout,
  featureLocal: number,
): boolean {
  const lookup = leafTable(tree, root);
  if (!lookup) return false;
  code.loadConstant(layout.splat32(layout.table(Float64Array.from(lookup.leaves))));
  for (const { feature, thresholds, missingBin, stride } of lookup.features) {
    const x = featureLocal + feature;
    // count = −(thresholds exceeded), or −(n + 1) for a missing value when it has its own bin.
    thresholds.forEach((t, j) => {
      code.localGet(x).f32Const(t).simd(0x13).simd(0x44); // f32x4.splat, f32x4.gt
      if (j > 0) code.simd(0xae, 0x01); // i32x4.add
    });
    if (missingBin) {
      code.localGet(x).localGet(x).simd(0x42); // x != x
      code
        .loadConstant(layout.splat32(-(thresholds.length + 1)))
        .simd(0x4e)
        .simd(0xae, 0x01);
    }
    const scale = stride * 8;
    const shift = Math.log2(scale);
    if (Number.isInteger(shift))
      code.i32Const(shift).simd(0xab, 0x01); // i32x4.shl
    else code.loadConstant(layout.splat32(scale)).simd(0xb5, 0x01); // i32x4.mul
    code.simd(0xb1, 0x01); // address − count × stride × 4
  }
  return true;
}

/** Adds `w × (x − mean)` (0 for a missing x) to the two float64x2 sums. */
function linearTerm(
  term: LinearTerm,
  code: Code,
  layout: MemoryLayout,
  x: number,
  sums: number,
  wide: number,
): void {
  const mean = layout.splat64(term.mean);
  const weight = layout.splat64(term.weight);
  for (let half = 0; half < 2; half++) {
    code.localGet(sums + half).localGet(x);
    // Lanes 2–3 moved down for the upper half, then widened to float64 (kept in `wide`).
    if (half === 1)
      code.localGet(x).simd(0x0d).raw([8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15]);
    code.simd(0x5f).op(0x22).uleb(wide); // f64x2.promote_low_f32x4, local.tee
    code.loadConstant(mean).simd(0xf1, 0x01).loadConstant(weight).simd(0xf2, 0x01); // (x − mean) × w
    code.localGet(wide).localGet(wide).simd(0x47).simd(0x4e); // & (x == x)
    code.simd(0xf0, 0x01).localSet(sums + half); // f64x2.add
  }
}

/** The module's memory: 16-byte constants, leaf tables, then the input and output blocks. */
class MemoryLayout {
  private readonly chunks: { at: number; bytes: Uint8Array }[] = [];
  private readonly constants = new Map<string, number>();
  size = 0;

  reserve(bytes: number, align: number): number {
    this.size = Math.ceil(this.size / align) * align;
    const at = this.size;
    this.size += bytes;
    return at;
  }

  private place(bytes: Uint8Array, align: number): number {
    const at = this.reserve(bytes.length, align);
    this.chunks.push({ at, bytes });
    return at;
  }

  table(leaves: Float64Array): number {
    return this.place(new Uint8Array(leaves.buffer), 8);
  }

  splat32(value: number): number {
    const key = `i32:${value}`;
    let at = this.constants.get(key);
    if (at === undefined) {
      at = this.place(new Uint8Array(new Int32Array(4).fill(value).buffer), 16);
      this.constants.set(key, at);
    }
    return at;
  }

  splat64(value: number): number {
    const key = `f64:${Object.is(value, -0) ? '-0' : value}`;
    let at = this.constants.get(key);
    if (at === undefined) {
      at = this.place(new Uint8Array(new Float64Array(2).fill(value).buffer), 16);
      this.constants.set(key, at);
    }
    return at;
  }

  data(): Uint8Array {
    const end = this.chunks.reduce((max, chunk) => Math.max(max, chunk.at + chunk.bytes.length), 0);
    const image = new Uint8Array(end);
    for (const chunk of this.chunks) image.set(chunk.bytes, chunk.at);
    return image;
  }
}

/** A growing byte string of instructions. */
class Code {
  private buffer = new Uint8Array(256);
  length = 0;

  op(...bytes: number[]): this {
    this.reserve(bytes.length);
    for (const byte of bytes) this.buffer[this.length++] = byte;
    return this;
  }

  raw(bytes: ArrayLike<number>): this {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  append(code: Code): this {
    return this.raw(code.bytes());
  }

  uleb(value: number): this {
    return this.raw(unsigned(value));
  }

  simd(...opcode: number[]): this {
    return this.op(0xfd, ...opcode);
  }

  localGet(index: number): this {
    return this.op(0x20).uleb(index);
  }

  localSet(index: number): this {
    return this.op(0x21).uleb(index);
  }

  i32Const(value: number): this {
    return this.op(0x41).raw(signed(value));
  }

  f32Const(value: number): this {
    return this.op(0x43).raw(new Uint8Array(new Float32Array([value]).buffer));
  }

  f64Const(value: number): this {
    return this.op(0x44).raw(new Uint8Array(new Float64Array([value]).buffer));
  }

  /** A memory access: opcode, alignment (log2) and a constant offset. */
  mem(opcode: number, align: number, offset: number): this {
    return this.op(opcode, align).uleb(offset);
  }

  simdMem(opcode: number, align: number, offset: number): this {
    return this.op(0xfd).uleb(opcode).op(align).uleb(offset);
  }

  /** v128.load of a 16-byte constant at a fixed address. */
  loadConstant(at: number): this {
    return this.i32Const(0).simdMem(0x00, 4, at);
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

function moduleBytes(layout: MemoryLayout, functions: WasmFunction[]): Uint8Array<ArrayBuffer> {
  const pages = Math.ceil(layout.size / 65536) || 1;
  const data = layout.data();
  const out = new Code();
  const section = (id: number, content: Code) => out.op(id).uleb(content.length).append(content);
  out.raw([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  section(1, new Code().op(1, 0x60, 1, 0x7f, 0)); // one type: (i32) -> ()
  section(3, new Code().uleb(functions.length).raw(functions.map(() => 0)));
  section(5, new Code().op(1, 0x00).uleb(pages));
  const exports = new Code()
    .op(2)
    .raw(name('run'))
    .op(0x00)
    .uleb(functions.length - 1);
  section(7, exports.raw(name('memory')).op(0x02, 0));
  const code = new Code().uleb(functions.length);
  for (const { locals, body } of functions) {
    const func = new Code().uleb(locals.length);
    for (const [count, type] of locals) func.uleb(count).op(type);
    func.append(body);
    code.uleb(func.length).append(func);
  }
  section(10, code);
  section(11, new Code().op(1, 0x00, 0x41, 0, 0x0b).uleb(data.length).raw(data));
  return Uint8Array.from(out.bytes());
}

function name(text: string): number[] {
  return [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
}

function unsigned(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

function signed(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    if ((rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}
