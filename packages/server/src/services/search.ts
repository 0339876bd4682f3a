import { toE164 } from '@hidden-key/sdk/schemas';
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { foldAccents } from '../db/accent-folding.js';

/**
 * The words of a search: runs of letters and digits, accents folded and lower-cased, as the search
 * vectors store them. Everything else (punctuation, `@`, tsquery operators) only separates
 * words, so no input can be read as query syntax.
 */
export const searchWords = (q: string): string[] =>
  foldAccents(q)
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * `q` as a tsquery in which every word is a prefix (`Lind` finds Linda, `exam` finds
 * `linda@example.com`, whose parts the search vectors hold as words of their own), all of them
 * required; null when `q` has no word at all.
 */
export function prefixQuery(q: string): string | null {
  const words = searchWords(q);
  if (!words.length) return null;
  // From seven digits on, a number only: its groups (`512`, `555`) are each the start of every
  // number in a region, and the index reads all the postings of a prefix before it can intersect
  // them (130 ms at 1,000,000 leads, against 3 ms for the number).
  if (readsAsNumber(q)) return `${words.join('')}:*`;
  const all = words.map((word) => `${word}:*`).join(' & ');
  // `512 555` or `512-555`: also the start of one number (the vectors hold a phone's digits whole).
  return PHONE_LIKE.test(q) && words.length > 1 ? `${words.join('')}:* | (${all})` : all;
}

/** Digits and phone punctuation only. */
const PHONE_LIKE = /^\+?[\d\s().\-/]+$/;
/** Fewer digits than this are not a whole number in any region. */
const MIN_PHONE_DIGITS = 7;
/** Phone punctuation and enough digits to be a whole number (or its start) in some region. */
const readsAsNumber = (q: string) => PHONE_LIKE.test(q) && q.replace(/\D/g, '').length >= MIN_PHONE_DIGITS;

/**
 * An address whole or its start (`lsmith42@mail`), in the characters for which PostgreSQL's parser
 * keeps an address as one word (a `+` or a letter outside ASCII splits it, and such a `q` is read as
 * words).
 */
const ADDRESS_START = /^[a-z0-9_]+(?:[.-][a-z0-9_]+)*@[a-z0-9_.-]*$/;

/**
 * The `q` filter of a list: its words as prefixes of the resource's search vector (a GIN index)
 * and, when `q` reads as a complete phone number in any common format (`(512) 555-0100`,
 * `512.555.0100`, `+1 512 555 0100`), the stored E.164 number (a btree index). A partial number
 * (`512 555`, `+1512555`) finds the phones that start with it, with or without the country code,
 * as words of the vector (see `leads.search` in the schema). The start of an address is one
 * prefix of the address word the vector holds: its other words (`exam` of `example.com`) are in
 * most vectors, and the index reads all the postings of a prefix before it can intersect them.
 */
export function searchCondition(
  q: string,
  columns: { vector: AnyColumn; phone?: AnyColumn },
  defaultRegion: string,
): SQL {
  const address = q.trim().toLowerCase();
  // The pattern leaves no character that tsquery syntax reads (quotes, backslashes, operators).
  if (ADDRESS_START.test(address)) return sql`${columns.vector} @@ ${`'${address}':*`}::tsquery`;
  const query = prefixQuery(q);
  const phone = columns.phone && readsAsNumber(q) ? toE164(q, defaultRegion) : null;
  const words = query ? sql`${columns.vector} @@ to_tsquery('simple', ${query})` : sql`false`;
  return phone ? sql`(${words} or ${columns.phone} = ${phone})` : words;
}
