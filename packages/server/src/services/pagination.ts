import { FIRST_YEAR } from '@hidden-key/sdk/schemas';
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { ApiError } from '../errors.js';

/**
 * Keyset pagination. A cursor is the base64url JSON of `[sort, value, id]` taken from the last row
 * of a page; the next page starts strictly after it in `(sort value, id)` order, so rows inserted
 * meanwhile never shift or repeat what the caller already saw.
 */
export interface KeysetOrder<Row> {
  /** The `sort` parameter this order answers to; a cursor from another order is refused. */
  name: string;
  /** The sort expression (non-null: wrap nullable columns in coalesce). */
  expression: SQL | AnyColumn;
  kind: 'timestamp' | 'number';
  direction: 'asc' | 'desc';
  /**
   * Where nulls sort, as the index this order walks has them: `last` (the default) for an index
   * declared in the same direction; `first` for an ascending order that walks a `.desc()` index
   * backwards.
   */
  nulls?: 'first' | 'last';
  id: AnyColumn;
  valueOf: (row: Row) => Date | number;
}

/**
 * The order every resource lists in by default: newest first, by `created_at` then id, as its
 * keyset index runs. `createdAtOf` reads the sort value back from a listed row.
 */
export const newestFirst = <Row>(
  table: { createdAt: AnyColumn; id: AnyColumn },
  createdAtOf: (row: Row) => Date,
): KeysetOrder<Row> => ({
  name: '-created_at',
  expression: table.createdAt,
  kind: 'timestamp',
  direction: 'desc',
  id: table.id,
  valueOf: createdAtOf,
});

type CursorValue = string | number;

const invalidCursor = () =>
  new ApiError('validation_error', 'The cursor is invalid', { cursor: ['Invalid or expired cursor'] });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor<Row>(order: KeysetOrder<Row>, row: Row, id: string): string {
  const value = order.valueOf(row);
  const encoded: CursorValue = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([order.name, encoded, id])).toString('base64url');
}

/** A time as the server writes it in a cursor (`toISOString`), in the years a date may take. */
function isCanonicalTime(value: string): boolean {
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && time.toISOString() === value && time.getUTCFullYear() >= FIRST_YEAR;
}

function decodeCursor(order: KeysetOrder<unknown>, cursor: string): { value: CursorValue; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalidCursor();
  const [name, value, id] = parsed as unknown[];
  if (name !== order.name || typeof id !== 'string' || !UUID.test(id)) throw invalidCursor();
  if (order.kind === 'timestamp') {
    if (typeof value !== 'string' || !isCanonicalTime(value)) throw invalidCursor();
  } else if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidCursor();
  }
  return { value: value as CursorValue, id };
}

/** The condition "after the cursor" (undefined on the first page). */
export function afterCursor<Row>(order: KeysetOrder<Row>, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const { value, id } = decodeCursor(order as KeysetOrder<unknown>, cursor);
  const boundary = order.kind === 'timestamp' ? sql`${value}::timestamptz` : sql`${value}::double precision`;
  return order.direction === 'desc'
    ? sql`(${order.expression}, ${order.id}) < (${boundary}, ${id}::uuid)`
    : sql`(${order.expression}, ${order.id}) > (${boundary}, ${id}::uuid)`;
}

/**
 * The ORDER BY of a keyset order, spelled to match its index: drizzle's `.desc()` and `.asc()`
 * declare `NULLS LAST`, while a bare `desc` means `DESC NULLS FIRST` to PostgreSQL, and the planner
 * cannot walk an index whose null placement differs (even on a NOT NULL column), so it would scan
 * and sort the whole organisation. `keyset-plans.pg.test.ts` EXPLAINs every list to keep them agreeing.
 */
export function orderByKeyset<Row>(order: KeysetOrder<Row>): SQL[] {
  const nulls = order.nulls === 'first' ? sql.raw('nulls first') : sql.raw('nulls last');
  const direction = sql.raw(order.direction);
  return [sql`${order.expression} ${direction} ${nulls}`, sql`${order.id} ${direction} ${nulls}`];
}

/** Cuts the `limit + 1` rows a list fetched into a page and the cursor of the next one. */
export function toPage<Row extends { id: string }, Item>(
  rows: Row[],
  limit: number,
  order: KeysetOrder<Row>,
  toItem: (row: Row) => Item,
): { items: Item[]; next_cursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(toItem),
    next_cursor: rows.length > limit && last ? encodeCursor(order, last, last.id) : null,
  };
}
