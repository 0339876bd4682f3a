import * as z from 'zod';
import { DEAL_TYPES, PROPERTY_CONDITIONS } from './lists.js';

/** Resource ids are UUIDs. */
export const Id = z.uuid();

/**
 * The years a date may fall in. PostgreSQL cannot store year 0000 (ISO's 1 BC), and the drivers
 * read a stored year below 100 back as a two-digit year (0049 became 2049) or as no date at all;
 * no deal, lead or task is dated before year 1000.
 */
export const FIRST_YEAR = 1000;
const inSupportedYears = (value: string) => Number(value.slice(0, 4)) >= FIRST_YEAR;
const supportedYears = { message: `Use a year from ${FIRST_YEAR} to 9999` };

/** Times travel as ISO 8601 strings in UTC, e.g. `2026-11-29T08:00:00.000Z`. */
export const Timestamp = z.iso.datetime({ offset: true }).refine(inSupportedYears, supportedYears);

/** A calendar date, `YYYY-MM-DD`. */
export const CalendarDate = z.iso.date().refine(inSupportedYears, supportedYears);

/** Money is a number of dollars at full precision; rounding is for display only. */
export const Money = z.number().finite().min(-1e12).max(1e12);

/** Rates are fractions: `0.06`, not `6`. */
export const Fraction = z.number().finite().min(0).max(1);

/** Free-form JSON object used for metadata, enrichment and custom fields. */
export const JsonObject = z.record(z.string().max(100), z.unknown());

export const Tags = z.array(z.string().trim().min(1).max(50)).max(50);

export const ShortText = z.string().trim().max(200);
export const LongText = z.string().max(10_000);
export const Url = z.string().trim().max(2048);

/** A list's `q`: a free-text search; an empty or blank one (a cleared search box) is no filter. */
export const SearchQuery = z
  .string()
  .trim()
  .max(200)
  .transform((q) => q || undefined);

/** Opaque keyset cursor returned by a list as `next_cursor`. */
export const Cursor = z.string().min(1).max(500);

/**
 * A number read from a query string. Not `z.coerce.number()`: that also turns `null` into 0, and
 * the OpenAPI generator, which asks a schema whether `null` passes, then typed the parameter
 * `number | null` in generated clients (a query string has no null). Typed callers pass a number.
 */
export const QueryNumber = (schema: z.ZodNumber) =>
  z.preprocess<unknown, z.ZodNumber, number>((value: unknown) => {
    // Typed as a number for callers; on the wire it arrives as text. Text that is no number stays
    // text, so the error says a number was expected and what came, not that NaN did.
    // Plain decimals only: `Number` would also read `0x10`, `1e1` and ` 5` as numbers.
    if (typeof value !== 'string' || !PLAIN_DECIMAL.test(value)) return value;
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  }, schema);

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** `limit` and `cursor`, shared by every list. */
export const PageQuery = z.strictObject({
  limit: QueryNumber(z.number({ error: 'Must be a whole number from 1 to 100' }).int().min(1).max(100))
    .default(25)
    .meta({ description: 'Items per page, 1 to 100.' }),
  cursor: Cursor.optional().meta({
    description: 'Where the page starts: the `next_cursor` of the page before; omit for the first page.',
  }),
});

export const DealType = z.enum(DEAL_TYPES).meta({ id: 'DealType' });
export type DealType = z.infer<typeof DealType>;

/** A property as it is described on a lead, a deal or an investor's buy box. */
export const Property = z
  .strictObject({
    address: ShortText.nullish(),
    city: z.string().trim().max(100).nullish(),
    state: z.string().trim().max(50).nullish(),
    zip: z.string().trim().max(20).nullish(),
    property_type: z.string().trim().max(50).nullish(),
    bedrooms: z.number().int().min(0).max(1000).nullish(),
    bathrooms: z.number().min(0).max(1000).nullish(),
    sqft: z.number().min(0).max(10_000_000).nullish(),
    year_built: z.number().int().min(1600).max(2200).nullish(),
    estimated_value: Money.nullish(),
    condition: z
      .string()
      .trim()
      .max(50)
      .nullish()
      .meta({
        description: `Free text; forms offer ${PROPERTY_CONDITIONS.join(', ')} (best first, \`PROPERTY_CONDITIONS\`).`,
      }),
    asking_price: Money.nullish(),
  })
  .meta({ id: 'Property' });
export interface Property extends z.infer<typeof Property> {}

/** Email addresses are stored trimmed and lower-cased. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(z.regexes.email, { message: 'Invalid email address' });

/** Any phone number people type; the server stores it as E.164. */
export const Phone = z.string().trim().min(3).max(40);
