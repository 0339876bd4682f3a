import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCsvRow, parseCsv } from '../src/data/csv.js';
import { encodeTable, type TableEncoding } from '../src/data/table-encoding.js';
import { importOnnx } from '../src/onnx/import.js';
import { auc } from '../src/train/metrics.js';
import { createRandom } from '../src/train/random.js';
import { createTreeScorer } from '../src/tree-scorer.js';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The built bin, as users run it (turbo builds the package before its tests). */
const cli = join(packageDir, 'dist', 'cli.js');
const hkScore = (...args: string[]) =>
  run(process.execPath, [cli, ...args], { cwd: packageDir }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

let dir: string;
let header: string[];
let rows: string[][];

/** Sellers: a categorical column with a comma inside quotes, numbers with blanks, a yes/no target. */
function writeTable(path: string, columns: string[], table: string[][]): void {
  writeFileSync(path, `${[columns, ...table].map((row) => formatCsvRow(row)).join('\n')}\n`);
}

beforeAll(() => {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run \`pnpm --filter @hidden-key/scoring build\` first`);
  dir = mkdtempSync(join(tmpdir(), 'hk-score-'));
  const random = createRandom(77);
  const sources = ['web form', 'referral, partner', 'cold call', 'NA'];
  header = ['price_gap', 'source', 'days_open', 'converted'];
  rows = Array.from({ length: 800 }, () => {
    const gap = random() * 0.6 - 0.3;
    const source = sources[Math.floor(random() * sources.length)]!;
    const days = Math.floor(random() * 90);
    const margin =
      -6 * gap + (source === 'referral, partner' ? 1.5 : source === 'cold call' ? -1.5 : 0) - days / 60;
    const converted = random() < 1 / (1 + Math.exp(-margin)) ? 'yes' : 'no';
    return [random() < 0.15 ? '' : gap.toFixed(3), source, random() < 0.1 ? 'NA' : String(days), converted];
  });
  writeTable(join(dir, 'train.csv'), header, rows);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hk-score', () => {
  it('trains on a CSV with categorical and missing values, then predicts one probability per row', async () => {
    const model = join(dir, 'model.onnx');
    const trained = await hkScore(
      'train',
      '--data',
      join(dir, 'train.csv'),
      '--target',
      'converted',
      '--positive',
      'yes',
      '--out',
      model,
      '--seed',
      '3',
    );
    expect(trained.code).toBe(0);
    const record = JSON.parse(trained.stdout);
    expect(record.format).toBe('hidden-key.run.v2');
    expect(record.selection.candidates.map((c: { kind: string }) => c.kind)).toEqual(
      expect.arrayContaining(['gbdt', 'logistic', 'blend']),
    );
    expect(record.params.seed).toBe(3);
    expect(record.data.rows).toBe(800);
    expect(record.model.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(record.metrics.validation.auc).toBeGreaterThan(0.7);
    // The person at the terminal is told what was chosen, against the best of each kind.
    const chosen = record.selection.candidates.find(
      (c: { name: string }) => c.name === record.selection.chosen,
    );
    expect(trained.stderr).toContain(
      `chose ${chosen.name} by 5-fold cross-validation on 800 rows (mean fold AUC ${chosen.cvAuc.toFixed(4)})`,
    );
    expect(trained.stderr).toMatch(
      /best of each kind: gbdt-\d \d\.\d{4}, logistic-l2-[\d.]+ \d\.\d{4}, blend-[\d.]+ \d\.\d{4}/,
    );
    expect(trained.stderr).toContain(
      `${record.model.trees} trees + ${record.model.linearTerms} linear terms`,
    );
    expect(JSON.parse(readFileSync(join(dir, 'model.run.json'), 'utf8')).model.hash).toBe(record.model.hash);
    const encoding: TableEncoding = JSON.parse(readFileSync(join(dir, 'model.encoding.json'), 'utf8'));
    expect(encoding.columns.find((column) => column.name === 'source')).toMatchObject({
      kind: 'categorical',
    });

    const predicted = await hkScore(
      'predict',
      '--model',
      model,
      '--data',
      join(dir, 'train.csv'),
      '--out',
      join(dir, 'p.csv'),
    );
    expect(predicted.code).toBe(0);
    const output = parseCsv(readFileSync(join(dir, 'p.csv'), 'utf8'));
    expect(output.header).toEqual(['probability']);
    expect(output.rows).toHaveLength(rows.length);
    const probabilities = output.rows.map((row) => Number(row[0]));
    for (const p of probabilities) expect(p).toBeGreaterThanOrEqual(0);
    expect(
      auc(
        rows.map((row) => (row[3] === 'yes' ? 1 : 0)),
        probabilities,
      ),
    ).toBeGreaterThan(0.75);

    // In input order: the same numbers as the tree evaluator on the same encoded rows.
    const encoded = encodeTable(encoding, header, rows);
    const expected = createTreeScorer({ model: new Uint8Array(readFileSync(model)) }).scoreBatch(
      encoded.data,
    );
    for (const [i, p] of probabilities.entries()) expect(Math.abs(p - expected[i]!)).toBeLessThan(1e-6);

    // Columns reordered, target absent, no sidecar (the encoding also travels in the ONNX file), to stdout.
    writeTable(
      join(dir, 'new.csv'),
      ['days_open', 'source', 'price_gap'],
      rows.map((row) => [row[2]!, row[1]!, row[0]!]),
    );
    rmSync(join(dir, 'model.encoding.json'));
    const again = await hkScore('predict', '--model', model, '--data', join(dir, 'new.csv'));
    expect(again.code).toBe(0);
    expect(parseCsv(again.stdout).rows.map((row) => Number(row[0]))).toEqual(probabilities);
  });

  it('is deterministic for a seed', async () => {
    const hashes = [];
    for (const name of ['a.onnx', 'b.onnx']) {
      const trained = await hkScore(
        'train',
        '--data',
        join(dir, 'train.csv'),
        '--target',
        'converted',
        '--positive',
        'yes',
        '--out',
        join(dir, name),
        '--seed',
        '5',
      );
      hashes.push(JSON.parse(trained.stdout).model.hash);
    }
    expect(hashes[1]).toBe(hashes[0]);
    expect(readFileSync(join(dir, 'b.onnx'))).toEqual(readFileSync(join(dir, 'a.onnx')));
  });

  it('tries only the kinds of model --kinds names (a forest is opt-in), and refuses an unknown kind', async () => {
    const base = ['train', '--data', join(dir, 'train.csv'), '--target', 'converted', '--positive', 'yes'];
    const forest = await hkScore(...base, '--out', join(dir, 'forest.onnx'), '--kinds', 'forest,logistic');
    expect(forest.code).toBe(0);
    const record = JSON.parse(forest.stdout);
    expect(new Set(record.selection.candidates.map((c: { kind: string }) => c.kind))).toEqual(
      new Set(['forest', 'logistic']),
    );
    expect(forest.stderr).toMatch(/best of each kind: logistic-l2-\S+ \d\.\d{4}, forest \d\.\d{4}/);
    const unknown = await hkScore(...base, '--out', join(dir, 'x.onnx'), '--kinds', 'gbdt,tree');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--kinds lists gbdt, logistic, blend, forest, not "tree"');
  });

  it('explains what is wrong with its arguments', async () => {
    const missing = await hkScore('train', '--data', join(dir, 'train.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--target/);
    const badTarget = await hkScore(
      'train',
      '--data',
      join(dir, 'train.csv'),
      '--target',
      'nope',
      '--positive',
      'x',
      '--out',
      join(dir, 'x.onnx'),
    );
    expect(badTarget.code).toBe(1);
    expect(badTarget.stderr).toMatch(/"nope" is not in the header/);
  });

  it('leaves out rows without an outcome, refuses a repeated column, and warns of a stray non-number', async () => {
    const small = rows.slice(0, 300).map((row) => [...row]);
    for (const row of small.slice(0, 40)) row[3] = '';
    small[50]![2] = '?';
    writeTable(join(dir, 'unlabelled.csv'), header, small);
    const out = join(dir, 'unlabelled.onnx');
    const trained = await hkScore(
      'train',
      '--data',
      join(dir, 'unlabelled.csv'),
      '--target',
      'converted',
      '--positive',
      'yes',
      '--out',
      out,
    );
    expect(trained.code).toBe(0);
    expect(JSON.parse(trained.stdout).data.rows).toBe(260);
    expect(trained.stderr).toContain('40 rows have no value in "converted" and are left out of training');
    expect(trained.stderr).toMatch(
      /column "days_open" is read as categories: \d+ of its \d+ values are numbers, but "\?" is not/,
    );

    writeTable(
      join(dir, 'twice.csv'),
      ['price_gap', 'price_gap', 'converted'],
      small.map((row) => [row[0]!, row[2]!, row[3]!]),
    );
    const twice = await hkScore(
      'train',
      '--data',
      join(dir, 'twice.csv'),
      '--target',
      'converted',
      '--positive',
      'yes',
      '--out',
      out,
    );
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('column "price_gap" appears twice in the header');
  });

  it('predicts with the encoding inside the model, not a sidecar left from another training', async () => {
    const model = join(dir, 'model.onnx');
    const copy = join(dir, 'copy.onnx');
    writeFileSync(copy, readFileSync(model));
    const { metadata } = importOnnx(new Uint8Array(readFileSync(model)));
    const encoding = JSON.parse(metadata['hidden_key.table_encoding']!) as TableEncoding;
    const stale = {
      ...encoding,
      columns: encoding.columns.map((column) =>
        column.kind === 'categorical' ? { ...column, categories: [...column.categories].reverse() } : column,
      ),
    };
    writeFileSync(join(dir, 'copy.encoding.json'), JSON.stringify(stale));
    const predictWith = (path: string) =>
      hkScore('predict', '--model', path, '--data', join(dir, 'train.csv'));
    const [original, copied] = await Promise.all([predictWith(model), predictWith(copy)]);
    expect(copied.code).toBe(0);
    expect(copied.stdout).toBe(original.stdout);
  });

  it('names the file it cannot read, and says when a model is not one', async () => {
    const absent = join(dir, 'absent.csv');
    const noData = await hkScore(
      'train',
      '--data',
      absent,
      '--target',
      't',
      '--positive',
      'y',
      '--out',
      'x.onnx',
    );
    expect(noData.code).toBe(1);
    expect(noData.stderr).toContain(`cannot read --data ${absent}: no such file`);
    const notModel = await hkScore(
      'predict',
      '--model',
      join(dir, 'train.csv'),
      '--data',
      join(dir, 'train.csv'),
    );
    expect(notModel.code).toBe(1);
    expect(notModel.stderr).toContain(`--model ${join(dir, 'train.csv')} is not a model hk-score can read`);
  });

  it('prints its usage for --help, on every command, and refuses no command or an unknown one', async () => {
    for (const args of [['--help'], ['train', '--help'], ['predict', '-h']]) {
      const help = await hkScore(...args);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('hk-score train --data');
    }
    const none = await hkScore();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage:');
    const unknown = await hkScore('fit');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'fit'");
    // A malformed option is a usage error too: exit 2, with the usage.
    for (const args of [
      ['predict', '--bogus'],
      ['predict', '--model'],
      ['train', 'stray'],
      ['train', '--data', 'a.csv', '--target', 't', '--positive', 'y', '--out', 'x.onnx', '--seed', '0x10'],
    ]) {
      const malformed = await hkScore(...args);
      expect([args.join(' '), malformed.code]).toEqual([args.join(' '), 2]);
      expect(malformed.stderr).toContain('Usage:');
    }
    const unwritable = await hkScore(
      'predict',
      '--model',
      join(dir, 'model.onnx'),
      '--data',
      join(dir, 'train.csv'),
      '--out',
      join(dir, 'no/such/folder/p.csv'),
    );
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain(
      `cannot write --out ${join(dir, 'no/such/folder/p.csv')}: its folder does not exist`,
    );
  });
});
