/**
 * Turns string tables (a CSV) into the float32 matrix the trees read, and back again at predict
 * time. Numeric columns pass through; categorical columns become codes ordered by their smoothed
 * positive rate in the training data, so one threshold can separate "likely" from "unlikely"
 * categories (the trick LightGBM uses for categoricals), while the model stays a plain numeric
 * tree ensemble that ONNX can run. Missing cells, categories never seen in training and cells of a
 * numeric column that hold no plain decimal number are NaN.
 * The encoding is plain JSON: it travels in the model's sidecar file and ONNX metadata.
 */
import { orderByPositiveRate } from './category-rate.js';

export type ColumnEncoding =
  | { name: string; kind: 'numeric' }
  | { name: string; kind: 'categorical'; categories: string[] };

export interface TableEncoding {
  target: { column: string; positive: string };
  columns: ColumnEncoding[];
}

export interface EncodedTable {
  rows: number;
  featureNames: string[];
  /** Row-major, `rows × featureNames.length`. */
  data: Float32Array;
  /** 0/1 labels, present when the table has the target column. */
  labels?: Uint8Array;
}

const MISSING_TOKENS = new Set(['', 'na', 'nan', 'null', 'n/a']);

export function isMissing(cell: string | undefined): boolean {
  return cell === undefined || MISSING_TOKENS.has(cell.trim().toLowerCase());
}

/** A plain decimal number (`-1.5`, `.5`, `2e3`); not hex, not `Infinity`, not beyond a double. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** The number a cell holds, or NaN when it holds none a column of numbers could use. */
export function parseNumber(cell: string): number {
  const text = cell.trim();
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Column names must be unique: a second `a` would be read from the first one's cells. */
function checkHeader(header: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new Error(`column "${name}" appears twice in the header`);
    seen.add(name);
  }
}

/**
 * The rows that have a target value: a blank or `NA` outcome is unknown, not negative, so such
 * rows cannot teach a model anything and are left out of training.
 */
export function rowsWithTarget(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  column: string,
): { rows: (readonly string[])[]; leftOut: number } {
  const index = header.indexOf(column);
  const kept = index < 0 ? [...rows] : rows.filter((row) => !isMissing(row[index]));
  return { rows: kept, leftOut: rows.length - kept.length };
}

export function fitTableEncoding(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  target: { column: string; positive: string },
): TableEncoding {
  checkHeader(header);
  const targetIndex = header.indexOf(target.column);
  if (targetIndex < 0) throw new Error(`target column "${target.column}" is not in the header`);
  if (rows.length === 0) throw new Error('the table has a header but no rows');
  const { leftOut } = rowsWithTarget(header, rows, target.column);
  if (leftOut > 0) {
    throw new Error(
      `${leftOut} rows have no value in target column "${target.column}": leave them out (rowsWithTarget)`,
    );
  }
  const labels = rows.map((row) => (row[targetIndex]?.trim() === target.positive ? 1 : 0));
  const positives = labels.reduce<number>((sum, label) => sum + label, 0);
  if (positives === 0 || positives === rows.length) {
    throw new Error(`target "${target.column}" needs rows both equal and not equal to "${target.positive}"`);
  }

  const columns: ColumnEncoding[] = [];
  header.forEach((name, index) => {
    if (index === targetIndex) return;
    const cells = rows.map((row) => row[index]);
    const numeric = cells.every((cell) => isMissing(cell) || !Number.isNaN(parseNumber(cell!)));
    if (numeric) {
      columns.push({ name, kind: 'numeric' });
      return;
    }
    const categories = orderByPositiveRate(
      rows.length,
      (row) => (isMissing(cells[row]) ? null : cells[row]!.trim()),
      (row) => labels[row]!,
      (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    );
    columns.push({ name, kind: 'categorical', categories });
  });
  return { target, columns };
}

/** Encodes rows by column name, so the column order may differ from training; the target is optional. */
export function encodeTable(
  encoding: TableEncoding,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): EncodedTable {
  checkHeader(header);
  const featureNames = encoding.columns.map((column) => column.name);
  const data = new Float32Array(rows.length * featureNames.length);
  encoding.columns.forEach((column, feature) => {
    const index = header.indexOf(column.name);
    if (index < 0) throw new Error(`column "${column.name}" is missing from the data`);
    const codes =
      column.kind === 'categorical' ? new Map(column.categories.map((name, code) => [name, code])) : null;
    rows.forEach((row, r) => {
      const cell = row[index];
      let value = Number.NaN;
      if (!isMissing(cell)) value = codes ? (codes.get(cell!.trim()) ?? Number.NaN) : parseNumber(cell!);
      data[r * featureNames.length + feature] = value;
    });
  });
  const targetIndex = header.indexOf(encoding.target.column);
  const labels =
    targetIndex < 0
      ? undefined
      : Uint8Array.from(rows, (row) => (row[targetIndex]?.trim() === encoding.target.positive ? 1 : 0));
  return { rows: rows.length, featureNames, data, ...(labels ? { labels } : {}) };
}

/** Explanation wording for an encoded table: categorical codes are turned back into their names. */
export function describeTableFeature(encoding: TableEncoding): (feature: string, value: number) => string {
  const byName = new Map(encoding.columns.map((column) => [column.name, column]));
  return (feature, value) => {
    const column = byName.get(feature);
    if (Number.isNaN(value)) return `${feature} is missing`;
    if (column?.kind === 'categorical') return `${feature} is "${column.categories[value] ?? value}"`;
    return `${feature} is ${Number(value.toPrecision(6))}`;
  };
}
