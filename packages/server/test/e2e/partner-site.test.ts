import { HiddenKey } from '@hidden-key/sdk';
import type { Lead } from '@hidden-key/sdk/schemas';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppDeps } from '../../src/context.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/open.js';
import { PARTNER_SITE_PATH } from '../../src/demo/partner-site.js';
import { defaultDeps } from '../../src/deps.js';
import { memoryStore } from '../../src/middleware/rate-limit.js';
import { type CaptureServer, startCaptureServer, startPartnerPage } from './capture-server.js';

/**
 * The partner page in headless Chromium against the real server over a socket on PostgreSQL
 * (this run's fresh database): what a seller on a partner's site does, end to end.
 */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** The servers here take forms filled faster than a person would; the page waits this long before submitting. */
const MIN_FILL_MS = 800;

let handle: DatabaseHandle;
let deps: AppDeps;
let browser: Browser;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const databaseUrl = inject('postgresUrl');
  if (!databaseUrl) throw new Error('The end-to-end tests run in the postgres project');
  handle = await openDatabase({ databaseUrl, maxConnections: 8 });
  deps = defaultDeps(handle.db);
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
});

afterAll(async () => {
  for (const close of closers) await close();
  await browser?.close();
  await handle?.close();
});

async function captureServer(options: Parameters<typeof startCaptureServer>[1] = {}) {
  const server = await startCaptureServer(deps, { minFillMs: MIN_FILL_MS, ...options });
  closers.push(server.close);
  return server;
}

const sdk = (server: CaptureServer) => new HiddenKey({ apiKey: server.secretKey, baseUrl: server.url });

async function leadsOf(server: CaptureServer): Promise<Lead[]> {
  const leads: Lead[] = [];
  for await (const lead of sdk(server).leads.list()) leads.push(lead);
  return leads;
}

type FormEvent = 'hk-lead-submitted' | 'hk-lead-queued' | 'hk-lead-failed';

/** Opens the page and records the form's events in `window.hkEvents`. */
async function openPartnerPage(url: string): Promise<Page> {
  const context = await browser.newContext();
  closers.push(() => context.close());
  const page = await context.newPage();
  await page.addInitScript(() => {
    const events: { type: string; detail: unknown }[] = [];
    (window as unknown as { hkEvents: typeof events }).hkEvents = events;
    for (const type of ['hk-lead-submitted', 'hk-lead-queued', 'hk-lead-failed']) {
      document.addEventListener(type, (event) =>
        events.push({ type, detail: (event as CustomEvent).detail }),
      );
    }
  });
  await page.goto(url);
  await page.locator('hk-lead-form [name="email"]').waitFor();
  return page;
}

async function fillAndSubmit(page: Page, email: string, extra: { website?: string } = {}) {
  const form = page.locator('hk-lead-form');
  await form.locator('[name="name"]').fill('Grace Seller');
  await form.locator('[name="email"]').fill(email);
  await form.locator('[name="phone"]').fill('(737) 555-0142');
  await form.locator('[name="address"]').fill('77 Pecan Street');
  await form.locator('[name="city"]').fill('Austin');
  await form.locator('[name="motivation"]').fill('Inherited the house, it needs work');
  await form.locator('[name="consent"]').check();
  if (extra.website) {
    await form.locator('[name="website"]').evaluate((input, value) => {
      (input as HTMLInputElement).value = value;
    }, extra.website);
  }
  await page.waitForTimeout(MIN_FILL_MS);
  await form.locator('button[type="submit"]').click();
}

async function waitForFormEvent(page: Page, type: FormEvent, timeout = 20_000) {
  const handle = await page.waitForFunction(
    (wanted) =>
      (window as unknown as { hkEvents: { type: string; detail: unknown }[] }).hkEvents.find(
        (event) => event.type === wanted,
      ),
    type,
    { timeout },
  );
  return (await handle.jsonValue()) as { type: string; detail: Record<string, unknown> };
}

const eventTypes = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { hkEvents: { type: string }[] }).hkEvents.map((event) => event.type),
  );

describe('the partner site, end to end', () => {
  it('submits a lead that the SDK reads back with its attribution and consent', async () => {
    const server = await captureServer();
    const page = await openPartnerPage(
      `http://localhost:${server.port}${PARTNER_SITE_PATH}?utm_source=newsletter&utm_medium=email&utm_campaign=fall-2026`,
    );
    await fillAndSubmit(page, 'grace@example.com');
    const submitted = await waitForFormEvent(page, 'hk-lead-submitted');

    const [lead, ...others] = await leadsOf(server);
    expect(others).toHaveLength(0);
    expect(submitted.detail.leadId).toBe(lead?.id);
    expect(lead).toMatchObject({
      source: 'web_form',
      status: 'new',
      contact: { name: 'Grace Seller', email: 'grace@example.com', phone: '+17375550142' },
      property: { address: '77 Pecan Street', city: 'Austin' },
      motivation: 'Inherited the house, it needs work',
      attribution: { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'fall-2026' },
      custom_fields: { page: 'home' },
    });
    expect(lead?.attribution.landing_page).toContain(PARTNER_SITE_PATH);
    expect(lead?.consent).toMatchObject({
      text: expect.stringContaining('Oak City Home Buyers may call or text me'),
      version: '2026-11-01',
      ip: '127.0.0.1',
      user_agent: expect.stringContaining('Chrome'),
    });
  });

  it('still stores exactly one lead when the first attempt is answered 503 (cross-origin, with CORS)', async () => {
    const partner = await startPartnerPage();
    closers.push(partner.close);
    const server = await captureServer({ extraOrigins: [partner.url] });
    partner.page.publishableKey = server.publishableKey;
    partner.page.baseUrl = server.url;
    server.failNextCapture();

    const page = await openPartnerPage(`${partner.url}${PARTNER_SITE_PATH}`);
    const answers: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/v1/public/leads') && response.request().method() === 'POST') {
        answers.push(response.status());
      }
    });
    await fillAndSubmit(page, 'retry@example.com');
    await waitForFormEvent(page, 'hk-lead-submitted');

    expect(answers).toEqual([503, 201]);
    expect(await eventTypes(page)).toEqual(['hk-lead-queued', 'hk-lead-submitted']);
    const leads = await leadsOf(server);
    expect(leads.map((lead) => lead.contact.email)).toEqual(['retry@example.com']);
  });

  it('refuses a page on an origin that is not on the key’s allow-list', async () => {
    const foreign = await startPartnerPage();
    closers.push(foreign.close);
    const server = await captureServer();
    foreign.page.publishableKey = server.publishableKey;
    foreign.page.baseUrl = server.url;

    const page = await openPartnerPage(`${foreign.url}${PARTNER_SITE_PATH}`);
    await fillAndSubmit(page, 'foreign@example.com');
    // The browser hides the 403 behind CORS; the form still tells a refusal from a network blip,
    // keeps nothing and names the cause, instead of queueing the lead forever.
    const failed = await waitForFormEvent(page, 'hk-lead-failed');
    expect(failed.detail).toMatchObject({ setupProblem: 'origin_not_allowed' });
    expect(await eventTypes(page)).toEqual(['hk-lead-failed']);

    const direct = await fetch(`${server.url}/v1/public/leads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.publishableKey}`,
        'content-type': 'application/json',
        origin: foreign.url,
      },
      body: JSON.stringify({ contact: { email: 'foreign@example.com' }, elapsed_ms: 5000 }),
    });
    expect(direct.status).toBe(403);
    expect(await direct.json()).toMatchObject({ success: false, code: 'forbidden' });
    expect(await leadsOf(server)).toHaveLength(0);
  });

  it('answers a honeypot submission like any other and stores nothing', async () => {
    const server = await captureServer();
    const page = await openPartnerPage(`${server.url}${PARTNER_SITE_PATH}`);
    await fillAndSubmit(page, 'bot@example.com', { website: 'https://spam.example' });
    await waitForFormEvent(page, 'hk-lead-submitted');
    expect(await leadsOf(server)).toHaveLength(0);
  });

  it('answers 429 with Retry-After once a client IP is over its limit', async () => {
    const server = await captureServer({
      rateLimits: { store: memoryStore(), policies: { publicPerIp: { points: 1, durationSeconds: 60 } } },
    });
    const first = await openPartnerPage(`${server.url}${PARTNER_SITE_PATH}`);
    await fillAndSubmit(first, 'first@example.com');
    await waitForFormEvent(first, 'hk-lead-submitted');

    const second = await openPartnerPage(`${server.url}${PARTNER_SITE_PATH}`);
    const limited = second.waitForResponse(
      (response) => response.url().endsWith('/v1/public/leads') && response.request().method() === 'POST',
    );
    await fillAndSubmit(second, 'second@example.com');
    const response = await limited;
    expect(response.status()).toBe(429);
    expect(Number(await response.headerValue('retry-after'))).toBeGreaterThan(0);
    expect(await response.headerValue('ratelimit-remaining')).toBe('0');
    expect(await response.json()).toMatchObject({ code: 'rate_limited' });
    await waitForFormEvent(second, 'hk-lead-queued');
    expect((await leadsOf(server)).map((lead) => lead.contact.email)).toEqual(['first@example.com']);
  });
});
