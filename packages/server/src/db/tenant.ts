import { sql } from 'drizzle-orm';
import type { Executor, Transaction } from './database.js';
import { setConfigStatement, transactionWith } from './transaction-settings.js';

/**
 * Tenant scoping in the database itself (migration 0017): every table with `organization_id` has
 * row-level security, ENABLEd and FORCEd, so a query the app runs shows and changes only the rows
 * of the organisation its transaction names, whatever filter the query forgot.
 *
 * Both settings are transaction-local (`set_config(..., true)`, i.e. `SET LOCAL`), so a pooled
 * connection handed to the next client (a transaction pooler such as Supabase's included) carries
 * neither the role nor the organisation over.
 */

/** The role the app's tenant work runs as: owns nothing, DML only, one organisation's rows. */
export const APP_ROLE = 'hidden_key_app';

/** The role of explicit cross-organisation work (`asSystem`). */
export const SYSTEM_ROLE = 'hidden_key_system';

/**
 * Runs `work` in a transaction limited to one organisation: the role is the app role (a no-op
 * when the connection already is it) and `app.organization_id` is set, sent with the BEGIN.
 * On a transaction (a request's), this opens a savepoint and re-asserts the same settings.
 */
export function withOrganization<T>(
  db: Executor,
  organizationId: string,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return transactionWith(db, { role: APP_ROLE, 'app.organization_id': organizationId }, work);
}

/**
 * Runs `work` in a transaction as the system role, whose policies show every row: the explicit
 * path for cross-organisation work. Today the tests read through it; the background paths that
 * still run as the connecting role (DEPLOYMENT.md lists them) move here once the app connects as
 * `hidden_key_app` itself. Keep what runs here to the cross-organisation lookup itself.
 */
export function asSystem<T>(db: Executor, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return transactionWith(db, { role: SYSTEM_ROLE }, work);
}

/**
 * Runs `read`, a query that filters by organisation itself, as the system role and then returns
 * to the role before it, in the same transaction. For the reads that need a GIN index only (lead
 * and investor search, investor array filters): PostgreSQL's `@@` and `@>` are not leakproof, so
 * under the tenant policy the planner may not use those indexes and scans every organisation's
 * rows (130 ms at 1,000,000 leads, against 10 ms on the index). The system role's policy is
 * `true`, which leaves no security barrier in the plan. `read` must carry its own
 * `organization_id` filter: in these reads that filter is the only wall.
 */
export async function withoutTenantBarrier<T>(tx: Executor, read: () => Promise<T>): Promise<T> {
  const switched = (await tx.execute(
    sql`select current_user::text as previous, set_config('role', ${SYSTEM_ROLE}, true)`,
  )) as unknown as { rows: { previous: string }[] };
  const previous = switched.rows[0]!.previous;
  try {
    return await read();
  } finally {
    // After a failed read the transaction is aborted and rolls back, role and all: nothing to restore.
    await tx.execute(setConfigStatement({ role: previous })).catch(() => undefined);
  }
}
