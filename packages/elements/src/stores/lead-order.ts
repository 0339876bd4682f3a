import type { Lead, LeadPriority, LeadSort } from '@hidden-key/sdk/schemas';

export const PRIORITY_RANK: Record<LeadPriority, number> = { low: 0, medium: 1, high: 2, urgent: 3 };

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
