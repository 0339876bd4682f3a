import { HiddenKey } from '@hidden-key/sdk';
import { analyzeWholesale } from '@hidden-key/sdk/analysis';
import type { HkEvent } from '@hidden-key/sdk/schemas';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, freshDatabase, launchChromium, type ServerProcess, startServer } from './processes.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let first: ServerProcess;
let second: ServerProcess;
let browser: Browser;
let secretKey: string;

const api = (server: ServerProcess, method: string, path: string, body?: unknown) =>
  callApi(server.url, secretKey, method, path, body);

/** Opens the agency-portal example on a server, signed in with a fresh session token, live. */
async function openPortal(server: ServerProcess): Promise<Page> {
  const { token } = await api(server, 'POST', '/v1/sessions', { ttl_seconds: 600 });
  const page = await browser.newPage();
  await page.goto(`${server.url}/?token=${encodeURIComponent(token)}`);
  await page.waitForFunction(
    () =>
      (document.getElementById('portal') as { hk?: { $live: { get(): string } } })?.hk?.$live.get() ===
      'open',
  );
  return page;
}

const cardIn = (page: Page, stage: string, text: string) =>
  page.locator(`[role="list"][aria-label="${stage}"] [role="listitem"]`, { hasText: text });

beforeAll(async () => {
  database = await freshDatabase();
  // The first process migrates the fresh database; the second only connects to it.
  first = await startServer(database.url, { migrate: true, seed: true });
  second = await startServer(database.url);
  secretKey = first.secretKey as string;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([first?.stop(), second?.stop()]);
  await database?.drop();
});

describe('agency portal on two server processes sharing PostgreSQL', () => {
  it('shows a move made in one page in the other', async () => {
    await api(first, 'POST', '/v1/opportunities', {
      property: { address: '7 Shared Way' },
      property_value: 310_000,
    });
    await api(first, 'POST', '/v1/opportunities', { property: { address: '8 Other Rd' } });
    const [pageA, pageB] = await Promise.all([openPortal(first), openPortal(second)]);
    await cardIn(pageA, 'Prospecting', '7 Shared Way').waitFor();
    await cardIn(pageB, 'Prospecting', '7 Shared Way').waitFor();

    await cardIn(pageA, 'Prospecting', '7 Shared Way')
      .getByRole('button', { name: /Move to…/ })
      .click();
    await pageA.getByRole('menuitem', { name: 'Negotiation' }).click();

    await cardIn(pageB, 'Negotiation', '7 Shared Way').waitFor({ timeout: 10_000 });
    expect(await cardIn(pageB, 'Prospecting', '7 Shared Way').count()).toBe(0);
    const header = await pageB.locator('[data-stage="negotiation"] header').textContent();
    expect(header?.replace(/\s+/g, ' ')).toContain('$310,000');
  });

  it("shows a lead's status changed in one page in the other", async () => {
    await api(first, 'POST', '/v1/leads', {
      contact: { name: 'Portal Lead', email: 'portal.lead@example.com' },
    });
    const [pageA, pageB] = await Promise.all([openPortal(first), openPortal(second)]);
    // The lead list renders the rows in view: bring the list into view, as a user scrolls to it.
    await pageA.locator('hk-lead-list').scrollIntoViewIfNeeded();
    await pageB.locator('hk-lead-list').scrollIntoViewIfNeeded();
    const statusA = pageA.getByRole('combobox', { name: 'Status of Portal Lead' });
    const statusB = pageB.getByRole('combobox', { name: 'Status of Portal Lead' });
    await statusA.waitFor();
    await statusB.waitFor();
    await statusB.selectOption('qualified');
    await expect.poll(() => statusA.inputValue(), { timeout: 10_000 }).toBe('qualified');
  });

  it('shows what the agents produced in the lead and deal drawers (from hk-insights.js, on the real server)', async () => {
    const lead = await api(first, 'POST', '/v1/leads', {
      contact: { name: 'Comps Seller', email: 'comps.seller@example.com', phone: '+19165550177' },
      consent: { text: 'You may call and text me about my property.', version: 'v1' },
      property: {
        address: '12 Comps Ct',
        city: 'Sacramento',
        state: 'CA',
        sqft: 1_250,
        bedrooms: 3,
        bathrooms: 2,
      },
    });
    const deal = await api(first, 'POST', '/v1/opportunities', {
      lead_id: lead.id,
      deal_type: 'wholesale',
      property: { address: '12 Comps Ct' },
      property_value: 250_000,
    });
    const page = await openPortal(first);
    // The host page opens a drawer on the elements' selection events (see the example's script).
    await page.evaluate((selected) => {
      document.dispatchEvent(new CustomEvent('hk-lead-selected', { detail: { lead: selected } }));
    }, lead);
    const drawer = page.locator('#lead-drawer');
    await drawer.getByRole('button', { name: 'Look up comparable sales' }).click();
    await drawer.getByText('Comparable sales looked up.').waitFor({ timeout: 20_000 });
    await expect.poll(() => drawer.getByRole('row').count()).toBeGreaterThan(2);
    expect(await drawer.getByText(/likely \$[\d,]+ to \$[\d,]+/).count()).toBe(1);

    await drawer.getByRole('button', { name: 'Write a follow-up email' }).click();
    await drawer.getByText(/new draft\(s\), written from templates/).waitFor();
    expect(await drawer.getByRole('heading', { name: 'Email draft' }).count()).toBeGreaterThan(0);
    const drafts = await api(first, 'GET', `/v1/activities?lead_id=${lead.id}&type=email`);
    expect(drafts.items.every((item: { status: string }) => item.status === 'pending')).toBe(true);
    // A text draft goes out through the server (the outbox here: no Twilio configured).
    await drawer.getByRole('button', { name: 'Write a follow-up text' }).click();
    await drawer.getByRole('heading', { name: 'Text draft' }).first().waitFor();
    await drawer.getByRole('button', { name: 'Send text' }).first().click();
    await drawer.getByText('Text sent.').waitFor();
    const texts = await api(first, 'GET', `/v1/activities?lead_id=${lead.id}&type=sms&status=completed`);
    expect(texts.items).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ provider: 'outbox', direction: 'outbound' }),
      }),
    ]);
    await drawer.getByRole('button', { name: 'Close' }).click();

    await page.evaluate((selected) => {
      document.dispatchEvent(new CustomEvent('hk-deal-selected', { detail: { deal: selected } }));
    }, deal);
    const dealDrawer = page.locator('#deal-drawer');
    await dealDrawer.getByRole('button', { name: 'Explain this deal' }).click();
    await dealDrawer.getByText(/Written from templates/).waitFor();
    // The narrative cites the analysis's figures: the end buyer's price of a $250,000 ARV.
    const { end_buyer_price } = analyzeWholesale({ after_repair_value: 250_000 });
    expect(await dealDrawer.locator('[part="narrative"]').textContent()).toContain(
      `$${end_buyer_price.toLocaleString('en-US')}`,
    );
    await page.close();
  });

  it('resumes an SSE stream that dropped without missing or repeating an event', async () => {
    let dropStream: (() => void) | undefined;
    const resumedFrom: (string | null)[] = [];
    const client = new HiddenKey({
      apiKey: secretKey,
      baseUrl: second.url,
      // Cuts the live stream on demand, as a flaky network would.
      fetch: (input, init) => {
        const request = new Request(input, init);
        if (!new URL(request.url).pathname.endsWith('/v1/events')) return fetch(request);
        resumedFrom.push(request.headers.get('last-event-id'));
        const cut = new AbortController();
        dropStream = () => cut.abort();
        return fetch(request, { signal: AbortSignal.any([request.signal, cut.signal]) });
      },
    });
    const received: HkEvent[] = [];
    let opened = 0;
    const subscription = client.events.subscribe((event) => received.push(event), {
      types: ['lead.created'],
      reconnectDelay: 300,
      onOpen: () => {
        opened++;
      },
    });
    await expect.poll(() => opened).toBe(1);
    // The server sends its first comment once LISTEN is in place; give it that moment.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const created: string[] = [];
    for (let index = 0; index < 10; index++) {
      // Written through the other process: only PostgreSQL carries the event across.
      const lead = await api(first, 'POST', '/v1/leads', {
        contact: { email: `resume-${index}@example.com` },
      });
      created.push(lead.id);
      if (index === 2) {
        await expect.poll(() => received.length).toBe(3);
        dropStream?.();
      }
    }
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(10);
    subscription.close();
    expect(received.map((event) => event.resource_id)).toEqual(created);
    expect(opened).toBeGreaterThanOrEqual(2);
    expect(resumedFrom.at(-1), 'the reconnection resumed after the last event seen').toBe(received[2]?.id);
  });
});
