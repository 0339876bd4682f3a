import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { HiddenKeyCore } from '../client/client.js';
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  describeDetails,
  detailsFromIssues,
  PermissionDeniedError,
} from '../client/core/errors.js';
import { withPhoneRule } from '../schemas/index.js';
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
  /** The organisation's phone region, to check phones as the server will (default `US`). */
  region?: string;
  /** Told about what is read but not imported as such: extra cells, a file that is not UTF-8. */
  onWarning?: (message: string) => void;
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

/**
 * The file's text. A spreadsheet export in Windows-1252 (Latin-1) is common: decoding it as
 * UTF-8 turns every accented letter into `�` silently, so it is read as Windows-1252 instead and
 * the caller is warned.
 */
function decode(bytes: Buffer, onWarning: (message: string) => void): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    onWarning('the file is not UTF-8; it was read as Windows-1252 (Latin-1). Save it as UTF-8 to be sure.');
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

async function readRows(
  file: string,
  onWarning: (message: string) => void,
): Promise<{ headers: string[]; rows: Row[] }> {
  const records = parse(decode(await readFile(file), onWarning), {
    bom: true,
    info: true,
    raw: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number }; raw: string }>;
  const [header, ...body] = records;
  const headers = header?.record ?? [];
  // `info.lines` is where a record ends; a quoted cell with line breaks makes it start earlier.
  const startLine = (endLine: number, raw: string) =>
    endLine - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
  const rows = body.map(({ record, info, raw }) => {
    const line = startLine(info.lines, raw);
    const extra = record.slice(headers.length).filter((cell) => cell !== '');
    if (extra.length > 0)
      onWarning(
        `line ${line}: ${extra.length} cell(s) beyond the ${headers.length} columns of the header were ignored`,
      );
    return { record: Object.fromEntries(headers.map((name, index) => [name, record[index] ?? ''])), line };
  });
  return { headers, rows };
}

/** Failures no other row can escape: stop at once rather than send every row into them. */
const isFatal = (error: unknown) =>
  error instanceof AuthenticationError ||
  error instanceof PermissionDeniedError ||
  error instanceof APIConnectionError;

/** A row's failure as one line: validation problems are printed the same, found here or by the server. */
const describeFailure = (error: unknown) => {
  if (error instanceof APIError && error.details) return describeDetails(error.details);
  return error instanceof Error ? error.message : String(error);
};

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
  const { headers, rows } = await readRows(file, options.onWarning ?? (() => undefined));
  if (rows.length === 0)
    throw new Error(`${file} has no rows to import (a header line and at least one row)`);
  const mapping = buildColumnMapping(headers, options.map);
  const { LeadCreate } = withPhoneRule(options.region);
  // One cheap call first: a server that is down or a wrong key fails here, in a second, with
  // one message, instead of after every row has been retried.
  if (client) await client.leads.list({ limit: 1 }, { maxRetries: 1 }).catch(stopWith);
  options.onMapping?.(mapping, rows.length);
  const summary: ImportSummary = { rows: rows.length, created: 0, merged: 0, alreadyImported: 0, failed: [] };
  let done = 0;
  let fatal: unknown;

  await forEachConcurrently(rows, options.concurrency, async ({ record, line }) => {
    if (fatal) return;
    try {
      const body = rowToLead(record, mapping, { source: options.source, keepUnmapped: options.keepUnmapped });
      const checked = LeadCreate.safeParse(body);
      if (!checked.success) throw new Error(describeDetails(detailsFromIssues(checked.error.issues)));
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
      if (isFatal(error)) fatal ??= error;
      else summary.failed.push({ line, message: describeFailure(error) });
    }
    options.onProgress?.(++done, rows.length, summary);
  });

  if (fatal) stopWith(fatal);
  summary.failed.sort((a, b) => a.line - b.line);
  return summary;
}

/** Ends the import with what stopped it, said once. */
function stopWith(error: unknown): never {
  if (error instanceof AuthenticationError)
    throw new Error(`The API refused the key (401): ${error.message}`);
  if (error instanceof PermissionDeniedError)
    throw new Error(`The key may not create leads (403): ${error.message}`);
  if (error instanceof APIConnectionError) throw new Error(`Cannot reach the API: ${error.message}`);
  throw error;
}
