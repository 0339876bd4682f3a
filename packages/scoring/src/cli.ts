#!/usr/bin/env node
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { formatCsvRow, parseCsv } from './data/csv.js';
import {
  encodeTable,
  fitTableEncoding,
  isMissing,
  parseNumber,
  rowsWithTarget,
  type TableEncoding,
} from './data/table-encoding.js';
import { exportOnnx } from './onnx/export.js';
import { importOnnx } from './onnx/import.js';
import { createScorer } from './onnx/scorer.js';
import { describeChoice, type RunRecord } from './train/run.js';
import { MODEL_KINDS, type ModelKind } from './train/select-model.js';
import { trainModelOnMatrix } from './train/train-model.js';
import { SCORING_VERSION } from './version.js';

/** Where `train` writes what travels with a model: `model.onnx` → `model.encoding.json`, `model.run.json`. */
const METADATA_ENCODING = 'hidden_key.table_encoding';
const sidecar = (modelPath: string, kind: 'encoding' | 'run') =>
  `${modelPath.replace(/\.onnx$/i, '')}.${kind}.json`;

const USAGE = `Usage:
  hk-score train --data train.csv --target COLUMN --positive VALUE --out model.onnx [--seed N]
                 [--kinds gbdt,logistic,blend,forest]
  hk-score predict --model model.onnx --data rows.csv [--out preds.csv]
  hk-score --version`;

async function train(args: string[]): Promise<void> {
  const values = readOptions(args, {
    data: { type: 'string' },
    target: { type: 'string' },
    positive: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    kinds: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const { data: dataPath, target, positive, out } = values;
  if (!dataPath || !target || positive === undefined || !out)
    throw new UsageError('train needs --data, --target, --positive and --out');
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed))
    throw new UsageError('--seed must be an integer');
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  const kinds = values.kinds?.split(',');
  const unknown = kinds?.find((kind) => !(MODEL_KINDS as readonly string[]).includes(kind));
  if (unknown !== undefined)
    throw new UsageError(`--kinds lists ${MODEL_KINDS.join(', ')}, not "${unknown}"`);

  const table = parseCsv(readInput(dataPath, '--data').toString('utf8'));
  const { rows, leftOut } = rowsWithTarget(table.header, table.rows, target);
  if (leftOut > 0) warn(`${leftOut} rows have no value in "${target}" and are left out of training`);
  const encoding = fitTableEncoding(table.header, rows, { column: target, positive });
  for (const note of mostlyNumericCategories(encoding, table.header, rows)) warn(note);
  const encoded = encodeTable(encoding, table.header, rows);
  const { model, run } = await trainModelOnMatrix(encoded.data, encoded.labels!, {
    featureNames: encoded.featureNames,
    categorical: encoding.columns.map((column) => column.kind === 'categorical'),
    ...(seed === undefined ? {} : { params: { seed } }),
    ...(kinds ? { kinds: kinds as ModelKind[] } : {}),
  });
  const onnx = exportOnnx(model, { [METADATA_ENCODING]: JSON.stringify(encoding) });
  writeOutput(out, '--out', onnx);
  writeOutput(sidecar(out, 'encoding'), '--out', `${JSON.stringify(encoding, null, 2)}\n`);
  const record = JSON.stringify({ ...run, modelBytes: onnx.length }, null, 2);
  writeOutput(sidecar(out, 'run'), '--out', `${record}\n`);
  process.stdout.write(`${record}\n`);
  process.stderr.write(choiceSummary(run, { out, bytes: onnx.length }));
}

/** What `train` chose and against what (`describeChoice`), and what it wrote. */
function choiceSummary(run: RunRecord, written: { out: string; bytes: number }): string {
  return [
    `hk-score: ${describeChoice(run).join('\n  ')}`,
    `  wrote ${written.out} (${(written.bytes / 1024).toFixed(1)} KB: ${run.model.trees} trees + ${run.model.linearTerms} linear terms), ${sidecar(written.out, 'encoding')}, ${sidecar(written.out, 'run')}`,
    '',
  ].join('\n');
}

async function predict(args: string[]): Promise<void> {
  const values = readOptions(args, {
    model: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (!values.model || !values.data) throw new UsageError('predict needs --model and --data');
  const bytes = new Uint8Array(readInput(values.model, '--model'));
  let metadata: Record<string, string>;
  try {
    ({ metadata } = importOnnx(bytes));
  } catch (error) {
    throw new Error(`--model ${values.model} is not a model hk-score can read (${(error as Error).message})`);
  }
  // The model's own copy first: a sidecar left from another training would read its codes wrong.
  const encodingPath = sidecar(values.model, 'encoding');
  const embedded = metadata[METADATA_ENCODING];
  let encoding: TableEncoding | null = null;
  if (embedded) encoding = JSON.parse(embedded);
  else if (existsSync(encodingPath)) {
    try {
      encoding = JSON.parse(readFileSync(encodingPath, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read the encoding ${encodingPath}: ${(error as Error).message}`);
    }
  }
  if (!encoding)
    throw new Error(`no category encoding: neither the model's metadata nor ${encodingPath} has one`);

  const table = parseCsv(readInput(values.data, '--data').toString('utf8'));
  const encoded = encodeTable(encoding, table.header, table.rows);
  const scorer = await createScorer({ model: bytes, features: encoded.featureNames.length });
  const { probability } = await scorer.scoreBatch(encoded.data, encoded.rows);
  await scorer.release();
  const lines = ['probability', ...Array.from(probability, (p) => formatCsvRow([p]))];
  const text = `${lines.join('\n')}\n`;
  if (values.out) writeOutput(values.out, '--out', text);
  else process.stdout.write(text);
}

class UsageError extends Error {}

/** The command's options; a malformed one (unknown, missing its value, a stray argument) is a usage error. */
function readOptions<Options extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: Options,
) {
  try {
    return parseArgs({ args, options, strict: true }).values;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError((error as Error).message);
    }
    throw error;
  }
}

const warn = (message: string) => process.stderr.write(`hk-score: ${message}\n`);

/** At most this share of a column's values not numbers, and they are strays rather than categories. */
const STRAY_SHARE = 0.05;

/**
 * Columns read as categories though nearly all their cells are numbers: usually a stray `?` or
 * `n.a.`, which costs the column its order (and scores any new number as missing).
 */
function mostlyNumericCategories(
  encoding: TableEncoding,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  return encoding.columns.flatMap((column) => {
    if (column.kind !== 'categorical') return [];
    const index = header.indexOf(column.name);
    const cells = rows.map((row) => row[index]).filter((cell) => !isMissing(cell)) as string[];
    const others = cells.filter((cell) => Number.isNaN(parseNumber(cell)));
    if (others.length === 0 || others.length > cells.length * STRAY_SHARE) return [];
    const examples = [...new Set(others.map((cell) => JSON.stringify(cell.trim())))].slice(0, 3).join(', ');
    return [
      `column "${column.name}" is read as categories: ${cells.length - others.length} of its ${cells.length} values are numbers, but ${examples} ${others.length === 1 ? 'is' : 'are'} not (make such cells empty to keep it numeric)`,
    ];
  });
}

/** Writes a file named on the command line, or says which option named it and why it failed. */
function writeOutput(path: string, option: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    const why = code === 'ENOENT' ? 'its folder does not exist' : (error as Error).message;
    throw new Error(`cannot write ${option} ${path}: ${why}`);
  }
}

/** A file named on the command line, or an error that says which option named it and why it failed. */
function readInput(path: string, option: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new Error(`cannot read ${option} ${path}: ${why}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'train') await train(rest);
    else if (command === 'predict') await predict(rest);
    else if (command === '--version' || command === '-V') process.stdout.write(`${SCORING_VERSION}\n`);
    else if (command === '--help' || command === '-h') process.stdout.write(`${USAGE}\n`);
    else {
      process.stderr.write(
        `${command === undefined ? '' : `hk-score: unknown command '${command}'\n`}${USAGE}\n`,
      );
      return 2;
    }
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`hk-score: ${message}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
