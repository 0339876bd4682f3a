import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, freshDatabase, launchChromium, type ServerProcess, startServer } from './processes.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let server: ServerProcess;
let browser: Browser;

const api = (method: string, path: string, body?: unknown) =>
  callApi(server.url, server.secretKey, method, path, body);

beforeAll(async () => {
  database = await freshDatabase();
  server = await startServer(database.url, { migrate: true, seed: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

describe('agency portal as an installable web app', () => {
  it('is installable: a manifest with a name, standalone display and 192 and 512 px icons', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), href as string);
    expect(manifest).toMatchObject({ name: expect.any(String), display: 'standalone', start_url: './' });
    const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) {
      const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
      expect(status).toBe(200);
    }
    await page.close();
  });

  it('shows the last pipeline and leads offline, and refuses a write made offline', async () => {
    const deal = await api('POST', '/v1/opportunities', { property: { address: '7 Offline Way' } });
    await api('POST', '/v1/leads', { contact: { name: 'Offline Lead', email: 'offline.lead@example.com' } });
    const { token } = await api('POST', '/v1/sessions', { ttl_seconds: 600 });
    const context = await browser.newContext();
    const page = await context.newPage();
    const card = page.locator('[role="list"][aria-label="Prospecting"] [role="listitem"]', {
      hasText: '7 Offline Way',
    });
    const leadStatus = page.getByRole('combobox', { name: 'Status of Offline Lead' });

    await page.goto(`${server.url}/?token=${encodeURIComponent(token)}`);
    await card.waitFor();
    await page.locator('hk-lead-list').scrollIntoViewIfNeeded();
    await leadStatus.waitFor();
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    // The calculator is not in the portal embed: it arrives from its own file once the page is idle.
    await page.waitForFunction(() => Boolean(customElements.get('hk-deal-calculator')));
    expect(await page.locator('#offline-note').isHidden()).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await card.waitFor({ timeout: 15_000 });
    await page.locator('hk-lead-list').scrollIntoViewIfNeeded();
    await leadStatus.waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('#offline-note').isVisible()).toBe(true);

    await card.getByRole('button', { name: /Move to…/ }).click();
    await page.getByRole('menuitem', { name: 'Negotiation' }).click();
    await page
      .getByText(/You are offline: this change was not saved/)
      .first()
      .waitFor({ timeout: 15_000 });

    await context.setOffline(false);
    const after = await api('GET', `/v1/opportunities/${deal.id}`);
    expect(after.stage).toBe('prospecting');
    await context.close();
  });
});
