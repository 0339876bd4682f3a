import { describe, expect, it } from 'vitest';
import { HiddenKey, HiddenKeyError } from '../../../src/client/index.js';
import { makeLead } from '../support/fixtures.js';
import { success } from '../support/local-server.js';

/** A fetch that serves `total` leads in pages of `limit`, counting the pages it served. */
function pagedFetch(total: number) {
  const leads = Array.from({ length: total }, (_, index) => makeLead({ source: `s${index}` }));
  const served: URL[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    served.push(url);
    const limit = Number(url.searchParams.get('limit') ?? 25);
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const items = leads.slice(start, start + limit);
    const next = start + limit < total ? String(start + limit) : null;
    return Response.json(success({ items, next_cursor: next }));
  };
  return { fetch, served, leads };
}

describe('pagination', () => {
  it('walks every page with for await', async () => {
    const { fetch, served, leads } = pagedFetch(7);
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: 'http://api.test', fetch });
    const seen: string[] = [];
    for await (const lead of hk.leads.list({ status: 'new', limit: 3 })) seen.push(lead.id);
    expect(seen).toEqual(leads.map((lead) => lead.id));
    expect(served).toHaveLength(3);
    expect(served.every((url) => url.searchParams.get('status') === 'new')).toBe(true);
    expect(served[1]?.searchParams.get('cursor')).toBe('3');
  });

  it('stops fetching once toArray has its limit', async () => {
    const { fetch, served } = pagedFetch(100);
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: 'http://api.test', fetch });
    const some = await hk.leads.list({ limit: 10 }).toArray({ limit: 15 });
    expect(some).toHaveLength(15);
    expect(served).toHaveLength(2);
  });

  it('gives page-level access', async () => {
    const { fetch, served } = pagedFetch(5);
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: 'http://api.test', fetch });
    const list = hk.leads.list({ limit: 2 });
    expect(served).toHaveLength(0);
    const first = await list;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe('2');
    const second = await first.getNextPage();
    expect(second.items).toHaveLength(2);
    const sizes: number[] = [];
    for await (const page of list.pages()) sizes.push(page.items.length);
    expect(sizes).toEqual([2, 2, 1]);
    const last = await await second.getNextPage();
    expect(last.hasNextPage()).toBe(false);
    await expect(last.getNextPage()).rejects.toBeInstanceOf(HiddenKeyError);
  });

  it('starts from a saved cursor, and walks on from there', async () => {
    const { fetch, served, leads } = pagedFetch(7);
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: 'http://api.test', fetch });
    const saved = (await hk.leads.list({ limit: 3 })).nextCursor!;
    const resumed = await hk.leads.list({ limit: 3, cursor: saved });
    expect(resumed.items.map((lead) => lead.id)).toEqual(leads.slice(3, 6).map((lead) => lead.id));
    const rest = await hk.leads.list({ limit: 3, cursor: saved }).toArray();
    expect(rest.map((lead) => lead.id)).toEqual(leads.slice(3).map((lead) => lead.id));
    expect(served.map((url) => url.searchParams.get('cursor'))).toEqual([null, '3', '3', '6']);
  });

  it('returns an empty array for an empty list and for limit 0', async () => {
    const { fetch, served } = pagedFetch(0);
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: 'http://api.test', fetch });
    expect(await hk.leads.list().toArray()).toEqual([]);
    expect(await hk.leads.list().toArray({ limit: 0 })).toEqual([]);
    expect(served).toHaveLength(1);
  });
});
