import type { CsvTable } from '../src/data/csv.js';
import { readSharedTable } from './shared-data.js';

/**
 * The stand-in tables and the binary targets derived from them. None is lead-conversion data (no
 * public set exists); they have the same shape of problem: mixed numeric and categorical columns,
 * some missing values, a yes/no outcome.
 */
export interface BenchTable {
  name: string;
  /** How the target is derived, for the printed report. */
  target: string;
  table: CsvTable;
  targetColumn: string;
  positive: string;
}

/** Replaces a numeric column by "above its median" (1/0) under a new name; the source column is dropped. */
function aboveMedian(table: CsvTable, column: string, newColumn: string): CsvTable {
  const index = table.header.indexOf(column);
  const values = table.rows.map((row) => Number(row[index])).sort((a, b) => a - b);
  const middle = values.length / 2;
  const median =
    values.length % 2 ? values[Math.floor(middle)]! : (values[middle - 1]! + values[middle]!) / 2;
  return {
    header: [...table.header.filter((_, k) => k !== index), newColumn],
    rows: table.rows.map((row) => [
      ...row.filter((_, k) => k !== index),
      Number(row[index]) > median ? '1' : '0',
    ]),
  };
}

export function loadBenchTables(): BenchTable[] {
  return [
    {
      name: 'wa_churn',
      target: 'churn = "Yes"',
      table: readSharedTable('wa_churn.csv'),
      targetColumn: 'churn',
      positive: 'Yes',
    },
    {
      name: 'ames',
      target: 'Sale_Price above its median (column dropped)',
      table: aboveMedian(readSharedTable('ames.csv'), 'Sale_Price', 'expensive'),
      targetColumn: 'expensive',
      positive: '1',
    },
    {
      name: 'Sacramento',
      target: 'price above its median (column dropped)',
      table: aboveMedian(readSharedTable('Sacramento.csv'), 'price', 'expensive'),
      targetColumn: 'expensive',
      positive: '1',
    },
  ];
}
