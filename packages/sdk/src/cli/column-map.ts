import type { LeadCreate } from '../schemas/index.js';

/** A lead field a CSV column can fill, as a dotted path into the `LeadCreate` body. */
export type LeadPath = string;

/** Headers people use for each field, normalised (lower case, words joined by `_`). */
const FIELD_ALIASES: Record<LeadPath, string[]> = {
  'contact.name': ['name', 'full_name', 'contact_name', 'owner_name', 'seller_name'],
  'contact.email': ['email', 'email_address', 'e_mail'],
  'contact.phone': ['phone', 'phone_number', 'mobile', 'cell', 'telephone'],
  'property.address': ['address', 'street', 'street_address', 'property_address'],
  'property.city': ['city'],
  'property.state': ['state', 'province'],
  'property.zip': ['zip', 'zip_code', 'zipcode', 'postal_code'],
  'property.property_type': ['property_type', 'type'],
  'property.bedrooms': ['bedrooms', 'beds'],
  'property.bathrooms': ['bathrooms', 'baths'],
  'property.sqft': ['sqft', 'square_feet', 'living_area'],
  'property.year_built': ['year_built'],
  'property.estimated_value': ['estimated_value', 'value', 'arv'],
  'property.condition': ['condition'],
  'property.asking_price': ['asking_price', 'price'],
  'attribution.utm_source': ['utm_source'],
  'attribution.utm_medium': ['utm_medium'],
  'attribution.utm_campaign': ['utm_campaign'],
  'attribution.utm_term': ['utm_term'],
  'attribution.utm_content': ['utm_content'],
  'attribution.referrer': ['referrer'],
  'attribution.landing_page': ['landing_page'],
  source: ['source', 'lead_source'],
  status: ['status'],
  priority: ['priority'],
  motivation: ['motivation', 'notes', 'reason'],
  tags: ['tags', 'labels'],
};

const NUMERIC_FIELDS = new Set([
  'property.bedrooms',
  'property.bathrooms',
  'property.sqft',
  'property.year_built',
  'property.estimated_value',
  'property.asking_price',
]);

export const normaliseHeader = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** `name`, `contact.name` or any alias of a field, to the field's path. */
export function resolveField(field: string): LeadPath | undefined {
  if (field in FIELD_ALIASES) return field;
  const wanted = normaliseHeader(field);
  return Object.keys(FIELD_ALIASES).find((path) => FIELD_ALIASES[path]?.includes(wanted));
}

export interface ColumnMapping {
  /** Lead field path → the CSV header whose cells fill it. */
  fields: Map<LeadPath, string>;
  /** Headers no field takes; kept in `custom_fields` unless dropped. */
  unmapped: string[];
  /** Columns the server owns (`id`, `created_at`, ...), as `leads export` writes them: skipped. */
  ignored: string[];
  /** The `custom_fields` column of an export, a JSON object merged back into `custom_fields`. */
  customFields: string | undefined;
}

/** What `leads export` writes that the server sets itself: importing it back would be wrong. */
const SERVER_COLUMNS = new Set(['id', 'created_at', 'updated_at', 'score']);

/**
 * Decides which column fills which field: explicit `--map field=Column` pairs first, then any
 * header that is a known alias of a field.
 */
export function buildColumnMapping(headers: string[], explicit: Record<string, string>): ColumnMapping {
  const fields = new Map<LeadPath, string>();
  for (const [field, column] of Object.entries(explicit)) {
    const path = resolveField(field);
    if (!path) throw new Error(`--map ${field}=${column}: unknown lead field "${field}"`);
    if (!headers.includes(column))
      throw new Error(`--map ${field}=${column}: the file has no column "${column}"`);
    fields.set(path, column);
  }
  const taken = new Set(fields.values());
  for (const header of headers) {
    if (taken.has(header)) continue;
    const path = resolveField(header);
    if (path && !fields.has(path)) {
      fields.set(path, header);
      taken.add(header);
    }
  }
  const ignored = headers.filter((header) => !taken.has(header) && SERVER_COLUMNS.has(header));
  const customFields = headers.find((header) => !taken.has(header) && header === 'custom_fields');
  return {
    fields,
    unmapped: headers.filter(
      (header) => !taken.has(header) && !ignored.includes(header) && header !== customFields,
    ),
    ignored,
    customFields,
  };
}

const setPath = (target: Record<string, unknown>, path: string, value: unknown) => {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) {
    target[head] = value;
    return;
  }
  target[head] ??= {};
  (target[head] as Record<string, unknown>)[tail] = value;
};

const toNumber = (path: string, cell: string) => {
  const value = Number(cell.replace(/[$,\s]/g, ''));
  if (!Number.isFinite(value)) throw new Error(`${path}: "${cell}" is not a number`);
  return value;
};

export interface RowOptions {
  source?: string;
  keepUnmapped: boolean;
}

/** One CSV record as a `LeadCreate` body; empty cells are left out. Throws on unreadable cells. */
export function rowToLead(
  record: Record<string, string>,
  mapping: ColumnMapping,
  options: RowOptions,
): LeadCreate {
  const lead: Record<string, unknown> = { contact: {} };
  if (options.source) lead.source = options.source;
  for (const [path, column] of mapping.fields) {
    const cell = record[column]?.trim();
    if (!cell) continue;
    if (path === 'tags')
      setPath(
        lead,
        path,
        cell
          .split(/[,;|]/)
          .map((tag) => tag.trim())
          .filter(Boolean),
      );
    else setPath(lead, path, NUMERIC_FIELDS.has(path) ? toNumber(path, cell) : cell);
  }
  const custom: Record<string, unknown> = mapping.customFields
    ? readCustomFields(record[mapping.customFields])
    : {};
  if (options.keepUnmapped) {
    for (const column of mapping.unmapped) {
      const cell = record[column]?.trim();
      if (cell) custom[normaliseHeader(column) || column] = cell;
    }
  }
  if (Object.keys(custom).length > 0) lead.custom_fields = custom;
  return lead as LeadCreate;
}

/** The `custom_fields` cell of an export: a JSON object, or nothing. */
function readCustomFields(cell: string | undefined): Record<string, unknown> {
  if (!cell?.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(cell);
  } catch {
    throw new Error('custom_fields: not a JSON object, as `leads export` writes it');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('custom_fields: not a JSON object, as `leads export` writes it');
  return value as Record<string, unknown>;
}

/** The columns `leads export` writes: the same headers `leads import` reads back. */
export const EXPORT_COLUMNS: Array<{ header: string; path: string }> = [
  { header: 'id', path: 'id' },
  { header: 'created_at', path: 'created_at' },
  { header: 'updated_at', path: 'updated_at' },
  { header: 'score', path: 'score' },
  ...Object.entries(FIELD_ALIASES).map(([path, aliases]) => ({ header: aliases[0]!, path })),
  { header: 'custom_fields', path: 'custom_fields' },
];
