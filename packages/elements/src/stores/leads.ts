import type { HiddenKeyCore, Page } from '@hidden-key/sdk';
import type {
  HkEvent,
  Lead,
  LeadCreate,
  LeadListQuery,
  LeadStatus,
  LeadUpdate,
} from '@hidden-key/sdk/schemas';
import { computed } from 'nanostores';
import { LEAD_STATUSES } from '../base/contract-lists.js';
import { createCollection } from './collection.js';
import { LEAD_ORDER, PRIORITY_RANK } from './lead-order.js';
import type { RecentLeadsCache } from './recent-leads-cache.js';

export type LeadStore = ReturnType<typeof createLeadStore>;

/** Leads of one client: fetched pages, live events and optimistic edits in one map. */
export function createLeadStore(client: HiddenKeyCore, cache?: RecentLeadsCache) {
  const collection = createCollection<Lead>();
  if (cache) collection.confirm(cache.read());

  const $leads = collection.$rows;

  const $leadsByStatus = computed($leads, (leads) => {
    const groups = Object.fromEntries(LEAD_STATUSES.map((status) => [status, [] as Lead[]])) as Record<
      LeadStatus,
      Lead[]
    >;
    for (const lead of leads.values()) groups[lead.status].push(lead);
    for (const group of Object.values(groups)) group.sort(LEAD_ORDER['-priority']);
    return groups;
  });

  const $highPriorityLeads = computed($leads, (leads) =>
    [...leads.values()]
      .filter((lead) => PRIORITY_RANK[lead.priority] >= PRIORITY_RANK.high)
      .sort(LEAD_ORDER['-priority']),
  );

  if (cache) {
    let scheduled = false;
    collection.$confirmed.listen((leads) => {
      if (scheduled) return;
      scheduled = true;
      // One write per burst of changes (a page of 100, a stream of events), not one per change.
      queueMicrotask(() => {
        scheduled = false;
        cache.write(leads.values());
      });
    });
  }

  /** Stores what a page brought and returns it, so a caller can keep the order and fetch the next. */
  const keep = (page: Page<Lead>) => {
    collection.confirm(page.items);
    return page;
  };

  return {
    $leads,
    $leadsByStatus,
    $highPriorityLeads,

    /** One page of `GET /v1/leads`; its leads join the store. */
    async fetch(query: LeadListQuery = {}, options?: { signal?: AbortSignal }): Promise<Page<Lead>> {
      return keep(await client.leads.list(query, options));
    },

    async fetchNext(page: Page<Lead>): Promise<Page<Lead>> {
      return keep(await page.getNextPage());
    },

    async create(body: LeadCreate): Promise<Lead> {
      const { merged: _merged, ...lead } = await client.leads.create(body);
      collection.confirm([lead]);
      return lead;
    },

    /** Shows the change at once; rolls it back and rethrows when the server refuses it. */
    async update(id: string, patch: LeadUpdate): Promise<Lead> {
      const current = $leads.get().get(id);
      const release = current
        ? collection.overlay(id, {
            ...current,
            ...(patch as Partial<Lead>),
            contact: { ...current.contact, ...patch.contact },
          })
        : () => undefined;
      try {
        const lead = await client.leads.update(id, patch);
        collection.confirm([lead]);
        return lead;
      } finally {
        release();
      }
    },

    async delete(id: string): Promise<void> {
      const release = collection.overlay(id, null);
      try {
        await client.leads.delete(id);
        collection.forget(id);
      } finally {
        release();
      }
    },

    apply(event: HkEvent): void {
      if (event.type === 'lead.deleted') collection.forget(event.resource_id);
      else if (event.type === 'lead.created' || event.type === 'lead.updated')
        collection.confirm([event.data as unknown as Lead]);
    },

    /** Puts rows straight into the store (tests, benchmarks, server-rendered data). */
    seed(leads: readonly Lead[]): void {
      collection.confirm(leads);
    },

    clear(): void {
      collection.clear();
      cache?.clear();
    },
  };
}
