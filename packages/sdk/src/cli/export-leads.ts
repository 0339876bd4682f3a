import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { HiddenKeyCore } from '../client/client.js';
import type { Lead, LeadListQuery } from '../schemas/index.js';
import { EXPORT_COLUMNS } from './column-map.js';

export type ExportFormat = 'csv' | 'jsonl';

const readPath = (lead: Lead, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], lead);

/** A lead as one CSV row under {@link EXPORT_COLUMNS}. */
function toCsvRow(lead: Lead): Array<string | number> {
  return EXPORT_COLUMNS.map(({ path }) => {
    const value = readPath(lead, path);
    if (value === null || value === undefined) return '';
    if (path === 'tags') return (value as string[]).join(';');
    if (path === 'custom_fields') return Object.keys(value as object).length ? JSON.stringify(value) : '';
    return value as string | number;
  });
}

/** Streams every lead matching `query` to `output` as CSV or JSON lines; answers how many. */
export async function exportLeads(
  client: HiddenKeyCore,
  format: ExportFormat,
  query: LeadListQuery,
  output: string | Writable,
): Promise<number> {
  let count = 0;
  async function* leads() {
    for await (const lead of client.leads.list({ limit: 100, ...query })) {
      count++;
      yield format === 'csv' ? toCsvRow(lead) : `${JSON.stringify(lead)}\n`;
    }
  }
  const destination = typeof output === 'string' ? createWriteStream(output) : output;
  // Standard output must stay open after the export; a file is closed when it is complete.
  const end = typeof output === 'string';
  if (format === 'csv') {
    const columns = EXPORT_COLUMNS.map(({ header }) => header);
    await pipeline(Readable.from(leads()), stringify({ header: true, columns }), destination, { end });
  } else {
    await pipeline(Readable.from(leads()), destination, { end });
  }
  return count;
}
