import { loadavg } from 'node:os';
import { predictMargin } from '../src/model.js';
import { exportOnnx } from '../src/onnx/export.js';
import { createScorer } from '../src/onnx/scorer.js';
import { createTreeScorer } from '../src/tree-scorer.js';
import { BENCH_SEED, compareModels } from './compare.js';
import { findSharedDataDir, SHARED_DATA_MISSING } from './shared-data.js';
import { loadBenchTables } from './tables.js';
import { type Timing, timeMicros, timeMs } from './timing.js';

/**
 * `pnpm bench`: per stand-in table, the GBDT against the original design's random forest and a
 * logistic regression (same split, same run), then scoring speed of the tree evaluator and of
 * onnxruntime-web, next to the plain pointer-walking evaluator as a same-run baseline.
 */
const LEADS = 10_000;
/** Extra seeded splits whose mean AUC shows how much of a gap is split-to-split noise. */
const EXTRA_SPLITS = [1, 2, 3, 4, 5];
const fixed = (x: number, digits = 2) => x.toFixed(digits);
/** CPU time first (what the code costs), wall time in brackets (what a busy machine gave). */
const shown = (timing: Timing, unit: string, digits = 2) =>
  `${fixed(timing.cpu, digits)} ${unit} (${fixed(timing.wall, digits)})`;

if (!findSharedDataDir()) {
  console.log(`# @hidden-key/scoring bench skipped: ${SHARED_DATA_MISSING}`);
  process.exit(0);
}
console.log(`# @hidden-key/scoring bench (seed ${BENCH_SEED}, 70/30 stratified split)`);
console.log(
  `node ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log('Stand-in tables: no public lead-conversion data exists (see README).');
// A fixed amount of trivial work, so figures from a busy or slow machine can be read relative to it.
const probe = new Float32Array(1 << 22).map((_, i) => (i * 2654435761) % 1000);
const reference = await timeMs(() => {
  let count = 0;
  for (let i = 0; i < probe.length; i++) count += +(probe[i]! > 500);
  return count;
}, 11);
console.log(`machine reference: a 4M-element compare-and-count loop takes ${shown(reference, 'ms')}\n`);

const quality: string[] = [];
const robustness: string[] = [];
const speed: string[] = [];
for (const table of loadBenchTables()) {
  const result = compareModels(table);
  const { model } = result.gbdtResult;
  const best = Math.max(result.forest.auc, result.logistic.auc);
  quality.push(
    `| ${table.name} | ${table.target} | ${result.trainRows}/${result.testRows} | ${result.features} | ` +
      `**${fixed(result.gbdt.auc, 4)}** (${result.gbdt.trees} trees) | ${fixed(result.forest.auc, 4)} | ${fixed(result.logistic.auc, 4)} | ` +
      `${result.gbdt.auc >= best ? 'yes' : `no (−${fixed(best - result.gbdt.auc, 4)})`} | ` +
      `${fixed(result.gbdt.trainMs / 1000)} s | ${fixed(result.forest.trainMs / 1000)} s | ${fixed(result.logistic.trainMs / 1000)} s |`,
  );

  const extra = EXTRA_SPLITS.map((seed) => compareModels(table, {}, seed));
  const mean = (pick: (c: (typeof extra)[number]) => number) =>
    extra.reduce((sum, c) => sum + pick(c), 0) / extra.length;
  robustness.push(
    `| ${table.name} | ${fixed(
      mean((c) => c.gbdt.auc),
      4,
    )} | ${fixed(
      mean((c) => c.forest.auc),
      4,
    )} | ${fixed(
      mean((c) => c.logistic.auc),
      4,
    )} |`,
  );

  const width = result.features;
  const leads = new Float32Array(LEADS * width);
  for (let i = 0; i < LEADS; i++) {
    const source = i % result.testRows;
    leads.set(result.test.data.subarray(source * width, (source + 1) * width), i * width);
  }
  const oneLead = Array.from(leads.subarray(0, width));
  const onnxBytes = exportOnnx(model);

  const treeScorer = createTreeScorer({ model });
  const treeOne = timeMicros(() => treeScorer.score(oneLead), 5000);
  const treeMany = await timeMs(() => treeScorer.scoreBatch(leads), 31);
  const plainMany = await timeMs(() => {
    for (let i = 0; i < LEADS; i++) predictMargin(model, leads.subarray(i * width, (i + 1) * width));
  }, 5);

  const sessionStarted = performance.now();
  const onnx = await createScorer({ model: onnxBytes });
  const sessionMs = performance.now() - sessionStarted;
  const onnxOneMs = await timeMs(() => onnx.score(oneLead), 201);
  const onnxOne = { wall: onnxOneMs.wall * 1000, cpu: onnxOneMs.cpu * 1000 };
  const onnxMany = await timeMs(() => onnx.scoreBatch(leads, LEADS), 21);
  await onnx.release();

  speed.push(
    `| ${table.name} | ${model.trees.length} | ${fixed(onnxBytes.length / 1024, 1)} KB | ${shown(treeOne, 'µs')} | ${shown(treeMany, 'ms')} | ` +
      `${shown(plainMany, 'ms')} | ${fixed(sessionMs, 0)} ms | ${shown(onnxOne, 'µs', 0)} | ${shown(onnxMany, 'ms')} |`,
  );
}

console.log('## Quality (AUC on the held-out 30 %) and training time\n');
console.log(
  '| table | target | train/test rows | features | GBDT | random forest (100 × depth 10) | logistic | GBDT ≥ best baseline | GBDT train | forest train | logistic train |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const line of quality) console.log(line);
console.log(
  `\n## Mean AUC over ${EXTRA_SPLITS.length} more seeded 70/30 splits (seeds ${EXTRA_SPLITS.join(', ')})\n`,
);
console.log('| table | GBDT | random forest | logistic |');
console.log('|---|---|---|---|');
for (const line of robustness) console.log(line);
console.log(
  `\n## Scoring time (median CPU time, wall time in brackets; ${LEADS.toLocaleString('en-US')} leads = test rows repeated)\n`,
);
console.log(
  '| table | trees | ONNX size | tree evaluator, 1 lead | tree evaluator, 10k leads | baseline: plain tree walk, 10k | onnxruntime-web session (wall; the first also compiles the wasm) | onnxruntime-web, 1 lead | onnxruntime-web, 10k leads |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const line of speed) console.log(line);
console.log('\nTargets: tree evaluator 10,000 leads < 5 ms, one lead < 5 µs.');
