import { is, Placeholder, SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

/**
 * A statement of the write path with its SQL text built once, from a drizzle template whose
 * per-request values are named placeholders; a call binds only the values. Building drizzle's
 * `sql` (or a query builder) and compiling it to text on every request was the largest CPU cost
 * of creating a lead (issue 11). Run it with `inOneRoundTrip` or `runStatement` (batch.ts).
 */
export interface BoundStatement {
  /** The SQL text with `$1`, `$2`… (the same for every call of one compiled statement). */
  readonly sql: string;
  readonly params: unknown[];
}

const dialect = new PgDialect();

/**
 * Compiles `build(value)` once, where `value('name')` stands for a value bound per call:
 *
 *   const byId = compileStatement<'id'>((value) => sql`select 1 from ${leads} where ${leads.id} = ${value('id')}`);
 *   await runStatement(tx, byId({ id }));
 *
 * A value may be used more than once; each use is a parameter of its own.
 */
export function compileStatement<Name extends string>(
  build: (value: (name: Name) => Placeholder<Name>) => SQL,
): (values: Record<Name, unknown>) => BoundStatement {
  const query = dialect.sqlToQuery(build((name) => sql.placeholder(name)));
  // Each parameter is either a value bound per call (its name) or a constant of the template.
  const slots: ({ name: Name } | { constant: unknown })[] = query.params.map((param) =>
    is(param, Placeholder) ? { name: param.name as Name } : { constant: param },
  );
  const text = query.sql;
  return (values) => ({
    sql: text,
    params: slots.map((slot) => ('name' in slot ? values[slot.name] : slot.constant)),
  });
}

export const isBoundStatement = (statement: SQL | BoundStatement): statement is BoundStatement =>
  !(statement instanceof SQL);
