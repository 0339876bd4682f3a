import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal content always gives equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The idempotency key of an imported row: a hash of what is sent, so importing the same file
 * again (after a crash, or twice by mistake) replays the first answers instead of writing again.
 */
export const rowIdempotencyKey = (body: unknown) =>
  `csv_${createHash('sha256').update(canonicalJson(body)).digest('hex').slice(0, 48)}`;
