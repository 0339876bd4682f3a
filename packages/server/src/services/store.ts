import type { AppDeps } from '../context.js';
import type { Executor, Transaction } from '../db/database.js';
import type { RequestOrigin } from './leads/consent.js';
import type { Lookups } from './lookups.js';
import { organizationRegion } from './organizations.js';

/**
 * Who a store call acts for: the caller's organisation, where the request came from (recorded with
 * consents), and the app's clock and ids. Every store function takes one, and every query it runs
 * is limited to `organizationId`.
 */
export interface Scope {
  organizationId: string;
  origin: RequestOrigin;
  /** The app's cached lookups; a scope built outside a request (jobs) may leave them out. */
  lookups?: Lookups;
  deps: AppDeps;
}

/** A page of a keyset-paginated list, as on the wire. */
export interface Page<Item> {
  items: Item[];
  next_cursor: string | null;
}

/**
 * The shape every resource's store has (`services/<resource>/<resource>-store.ts`). Reads take the
 * database; writes take the transaction the handler opened, record their event in it, and throw
 * `not_found` for an id outside the organisation, so a change and its event commit together.
 */
export interface ResourceStore<Item, ListQuery, CreateInput, UpdateInput, Created = Item> {
  list(db: Executor, scope: Scope, query: ListQuery): Promise<Page<Item>>;
  get(db: Executor, scope: Scope, id: string): Promise<Item>;
  create(tx: Transaction, scope: Scope, input: CreateInput): Promise<Created>;
  update(tx: Transaction, scope: Scope, id: string, patch: UpdateInput): Promise<Item>;
  remove(tx: Transaction, scope: Scope, id: string): Promise<{ id: string; deleted: true }>;
}

/**
 * A PATCH through a store. One that sets nothing changes nothing, so it writes nothing (no new
 * `updated_at`, no event, so no webhook delivery) and answers the resource as it is.
 */
export function patchResource<Item, Patch extends object>(
  store: Pick<ResourceStore<Item, unknown, unknown, Patch>, 'get' | 'update'>,
  tx: Transaction,
  scope: Scope,
  id: string,
  patch: Patch,
): Promise<Item> {
  const setsNothing = Object.values(patch).every((value) => value === undefined);
  return setsNothing ? store.get(tx, scope, id) : store.update(tx, scope, id, patch);
}

/** A nullable timestamp column as the wire writes it. */
export const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/** A wire timestamp for a column: undefined leaves it alone, null clears it. */
export const toDateOrNull = (value: string | null | undefined) =>
  value === undefined ? undefined : value ? new Date(value) : null;

/** The organisation's default phone region, from the app's cache when the scope has it. */
export const regionOf = (tx: Executor, scope: Scope) =>
  scope.lookups
    ? scope.lookups.region(tx, scope.organizationId)
    : organizationRegion(tx, scope.organizationId);
