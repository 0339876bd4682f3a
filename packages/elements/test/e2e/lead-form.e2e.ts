import type { Lead } from '@hidden-key/sdk/schemas';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, freshDatabase, launchChromium, type ServerProcess, startServer } from './processes.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let server: ServerProcess;
let browser: Browser;
let publishableKey: string;

const api = (method: string, path: string, body?: unknown) =>
  callApi(server.url, server.secretKey, method, path, body);

async function leadsFor(email: string): Promise<Lead[]> {
  const { items }: { items: Lead[] } = await api('GET', '/v1/leads?limit=100');
  return items.filter((lead) => lead.contact.email === email);
}

/**
 * A partner page on the server's origin with the built embed, as a partner pastes it: the embed
 * file alone, which fetches `lead-sending.js` from beside itself. Returns the page and the
 * embed files it requested.
 */
async function openPartnerPage(context: BrowserContext, options: { sendingCodeUnreachable?: boolean } = {}) {
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/embed/')) requested.push(pathname.slice(7));
  });
  await page.route(`${server.url}/partner`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><body>
        <hk-lead-form publishable-key="${publishableKey}" fields="name*,email*,asking_price"></hk-lead-form>
        <script type="module" src="/embed/hk-lead-form.js"></script></body></html>`,
    }),
  );
  if (options.sendingCodeUnreachable)
    await page.route(`${server.url}/embed/lead-sending.js`, (route) => route.abort('internetdisconnected'));
  await page.goto(`${server.url}/partner`);
  await page.locator('hk-lead-form [name="email"]').waitFor();
  // The form's clock starts when it is first drawn, which on a loaded machine is well after
  // navigation began: the fields are visible by now, so it started no later than this.
  const shownAt = await page.evaluate(() => performance.now());
  return { page, requested, shownAt };
}

/** The server's minimum fill time (its spam trap, from `elapsed_ms`) plus a margin. */
const PERSON_FILL_MS = 2_500;

/**
 * Waits until the form has been shown as long as a person takes to fill it in: sooner, the
 * server takes the lead for a bot's, answers as if it were stored and drops it.
 */
async function likeAPerson({ page, shownAt }: { page: Page; shownAt: number }) {
  await page.waitForFunction((until) => performance.now() > until, shownAt + PERSON_FILL_MS);
}

async function fillAndSend(page: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await page.fill(`hk-lead-form [name="${name}"]`, value);
  // Enter, as a keyboard user submits: a click could land where the button was before a field's
  // error, shown as the field is left, moved it.
  await page.press('hk-lead-form [name="email"]', 'Enter');
}

beforeAll(async () => {
  database = await freshDatabase();
  server = await startServer(database.url, { migrate: true, seed: true });
  publishableKey = (await api('POST', '/v1/api-keys', { type: 'publishable', allowed_origins: [server.url] }))
    .key;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

describe('the built lead form embed on a partner page, against the real server', () => {
  it('fetches its sending code only once touched, checks with the server’s rules and delivers the lead', async () => {
    const context = await browser.newContext();
    const partner = await openPartnerPage(context);
    const { page, requested } = partner;
    expect(requested).toEqual(['hk-lead-form.js']);

    await fillAndSend(page, { email: 'not-an-email' });
    const summary = page.locator('hk-lead-form [part="error-summary"]');
    await summary.waitFor();
    expect(requested).toContain('lead-sending.js');
    expect(await summary.locator('li').allTextContents()).toEqual([
      'Full name: This field is required.',
      'Email: Enter an email address like name@example.com.',
    ]);

    await likeAPerson(partner);
    await fillAndSend(page, { name: 'Ana Built', email: 'ana.built@example.com', asking_price: '$310,000' });
    await page.locator('hk-lead-form [part~="message-success"]').waitFor();
    // As the next test: under a loaded CI machine the send can outlast poll's 1 s default.
    await expect.poll(() => leadsFor('ana.built@example.com'), { timeout: 20_000 }).toHaveLength(1);
    const [lead] = await leadsFor('ana.built@example.com');
    expect(lead?.contact).toEqual({ name: 'Ana Built', email: 'ana.built@example.com', phone: null });
    expect(lead?.property.asking_price).toBe(310_000);
    await context.close();
  });

  it('keeps a lead whose sending code cannot be fetched and sends it from the next page', async () => {
    const context = await browser.newContext();
    const offline = await openPartnerPage(context, { sendingCodeUnreachable: true });
    await likeAPerson(offline);
    await fillAndSend(offline.page, {
      name: 'Bo Later',
      email: 'bo.later@example.com',
      asking_price: '95000',
    });
    await offline.page.locator('hk-lead-form [part~="message-queued"]').waitFor();
    expect(await leadsFor('bo.later@example.com')).toEqual([]);
    await offline.page.close();

    // The same browser (its localStorage), the network back: the next page sends what was kept.
    const next = await openPartnerPage(context);
    await expect.poll(() => leadsFor('bo.later@example.com'), { timeout: 20_000 }).toHaveLength(1);
    const [lead] = await leadsFor('bo.later@example.com');
    expect(lead?.contact.name).toBe('Bo Later');
    expect(lead?.property.asking_price).toBe(95_000);
    await expect
      .poll(() => next.page.evaluate(() => localStorage.getItem('hk-lead-outbox')), { timeout: 20_000 })
      .toBe(null);
    await context.close();
  });
});
