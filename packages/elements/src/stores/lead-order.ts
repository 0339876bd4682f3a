import type { Lead, LeadSort } from '@hidden-key/sdk/schemas';
import { LEAD_PRIORITY_RANK } from '@hidden-key/sdk/schemas/lists';

/** The contract's `LEAD_PRIORITY_RANK`, under the name the stores have exported. */
export const PRIORITY_RANK = LEAD_PRIORITY_RANK;

const newestFirst = (a: Lead, b: Lead) =>
  a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1;

/**
 * The order of each `sort` of `GET /v1/leads`, so leads that arrive live land where the server
 * would have put them. Ties fall back to newest first.
 */
export const LEAD_ORDER: Record<LeadSort, (a: Lead, b: Lead) => number> = {
  '-created_at': newestFirst,
  created_at: (a, b) => -newestFirst(a, b),
  '-updated_at': (a, b) =>
    a.updated_at === b.updated_at ? newestFirst(a, b) : a.updated_at < b.updated_at ? 1 : -1,
  '-priority': (a, b) => PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] || newestFirst(a, b),
  '-score': (a, b) => (b.score ?? -1) - (a.score ?? -1) || newestFirst(a, b),
};
