import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { HiddenKeyCore } from '../client/client.js';
import { LeadCreate } from '../schemas/index.js';
import { buildColumnMapping, type ColumnMapping, rowToLead } from './column-map.js';
import { forEachConcurrently } from './concurrency.js';
import { rowIdempotencyKey } from './row-key.js';

export interface ImportOptions {
  /** `--map field=Column` pairs. */
  map: Record<string, string>;
  source?: string;
  concurrency: number;
  keepUnmapped: boolean;
  /** Told after each row, for the progress bar. */
  onProgress?: (done: number, total: number, summary: ImportSummary) => void;
  /** Told once the columns are known, before any row is sent. */
  onMapping?: (mapping: ColumnMapping, total: number) => void;
}

export interface RowError {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  message: string;
}

export interface ImportSummary {
  rows: number;
  created: number;
  merged: number;
  /** Rows an earlier run already imported: the server replayed its first answer. */
  alreadyImported: number;
  failed: RowError[];
}

interface Row {
  record: Record<string, string>;
  line: number;
}

async function readRows(file: string): Promise<{ headers: string[]; rows: Row[] }> {
  const records: Array<{ record: Record<string, string>; info: { lines: number }; raw: string }> = parse(
    await readFile(file),
    {
      bom: true,
      columns: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    },
  );
  const headers = records[0] ? Object.keys(records[0].record) : [];
  // `info.lines` is where a record ends; a quoted cell with line breaks makes it start earlier.
  const startLine = (endLine: number, raw: string) =>
    endLine - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
  return {
    headers,
    rows: records.map(({ record, info, raw }) => ({ record, line: startLine(info.lines, raw) })),
  };
}

const describeIssues = (issues: Array<{ path: PropertyKey[]; message: string }>) =>
  issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ');

/**
 * Imports a CSV of leads: maps columns, validates each row, and creates the leads with bounded
 * concurrency. Each row's idempotency key is a hash of its content, so running the same file
 * again creates nothing twice.
 */
export async function importLeads(
  /** `null` for a dry run, which checks every row and sends nothing. */
  client: HiddenKeyCore | null,
  file: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const { headers, rows } = await readRows(file);
  const mapping = buildColumnMapping(headers, options.map);
  options.onMapping?.(mapping, rows.length);
  const summary: ImportSummary = { rows: rows.length, created: 0, merged: 0, alreadyImported: 0, failed: [] };
  let done = 0;

  await forEachConcurrently(rows, options.concurrency, async ({ record, line }) => {
    try {
      const body = rowToLead(record, mapping, { source: options.source, keepUnmapped: options.keepUnmapped });
      const checked = LeadCreate.safeParse(body);
      if (!checked.success) throw new Error(describeIssues(checked.error.issues));
      if (client) {
        let replayed = false;
        const result = await client.leads.create(body, {
          idempotencyKey: rowIdempotencyKey(body),
          onResponse: (response) => {
            replayed = response.headers.get('idempotent-replayed') === 'true';
          },
        });
        if (replayed) summary.alreadyImported++;
        else if (result.merged) summary.merged++;
        else summary.created++;
      }
    } catch (error) {
      summary.failed.push({ line, message: error instanceof Error ? error.message : String(error) });
    }
    options.onProgress?.(++done, rows.length, summary);
  });

  summary.failed.sort((a, b) => a.line - b.line);
  return summary;
}
