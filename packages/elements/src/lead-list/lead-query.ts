import type { Lead, LeadListQuery, LeadPriority, LeadSort, LeadStatus } from '@hidden-key/sdk/schemas';

/** What the list asks `GET /v1/leads` for. */
export interface LeadListFilter {
  status: LeadStatus | '';
  source: string;
  priority: LeadPriority | '';
  q: string;
  sort: LeadSort;
}

export const PAGE_SIZE = 100;

export function toQuery(filter: LeadListFilter): LeadListQuery {
  const q = filter.q.trim();
  return {
    limit: PAGE_SIZE,
    sort: filter.sort,
    ...(filter.status && { status: filter.status }),
    ...(filter.source.trim() && { source: filter.source.trim() }),
    ...(filter.priority && { priority: filter.priority }),
    ...(q && { q }),
  };
}

/**
 * Whether a lead that arrived live belongs in the list. Full-text search runs on the server,
 * so while a search is active, only the server decides (on the next query).
 */
export function admitsLive(filter: LeadListFilter, lead: Lead): boolean {
  if (filter.q.trim()) return false;
  if (filter.status && lead.status !== filter.status) return false;
  if (filter.priority && lead.priority !== filter.priority) return false;
  if (filter.source.trim() && lead.source !== filter.source.trim()) return false;
  return true;
}

/** Where `lead` goes in `rows`, already sorted by `order`. */
export function insertionIndex(
  rows: readonly Lead[],
  lead: Lead,
  order: (a: Lead, b: Lead) => number,
): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(rows[middle] as Lead, lead) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
