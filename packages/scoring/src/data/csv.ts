import { parse } from 'csv-parse/sync';

/** A parsed CSV: the header and the rows as strings, exactly as written. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

export function parseCsv(text: string): CsvTable {
  const records: string[][] = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  const [header, ...rows] = records;
  if (!header) throw new Error('the CSV is empty');
  return { header: header.map((name) => name.trim()), rows };
}

/** Quotes a value only when CSV needs it. */
export function formatCsvRow(values: readonly (string | number)[]): string {
  return values
    .map((value) => {
      const text = String(value);
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(',');
}
