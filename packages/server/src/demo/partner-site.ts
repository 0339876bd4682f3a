import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** The path the demo serves `examples/partner-site` under. */
export const PARTNER_SITE_PATH = '/examples/partner-site/';

const PLACEHOLDER = 'publishable-key="pk_demo"';

const escapeAttribute = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/**
 * The partner page with its `pk_demo` placeholder replaced by a real publishable key, and a
 * `base-url` added when the API lives on another origin than the page.
 */
export function renderPartnerPage(
  html: string,
  options: { publishableKey: string; baseUrl?: string },
): string {
  if (!html.includes(PLACEHOLDER)) throw new Error(`The partner page has no ${PLACEHOLDER} placeholder`);
  const baseUrl = options.baseUrl ? ` base-url="${escapeAttribute(options.baseUrl)}"` : '';
  return html.replace(PLACEHOLDER, `publishable-key="${escapeAttribute(options.publishableKey)}"${baseUrl}`);
}

export interface PartnerPageSettings {
  publishableKey: string;
  /** Where the form posts; the page's own origin when absent. */
  baseUrl?: string;
}

export interface PartnerSiteOptions {
  /** The `examples/partner-site` folder. */
  siteDir: string;
  /** Read on each request: the demo's key exists only once the server knows its port. */
  settings: () => PartnerPageSettings;
  /** Also serve the page at `/` (the demo's front door). */
  atRoot?: boolean;
}

/** Serves the partner page (read on each request, so edits show on reload). */
export function registerPartnerSite(app: Hono<AppEnv>, options: PartnerSiteOptions) {
  const page = async () =>
    renderPartnerPage(await readFile(join(options.siteDir, 'index.html'), 'utf8'), options.settings());
  app.get(PARTNER_SITE_PATH, async (c) => c.html(await page()));
  app.get(PARTNER_SITE_PATH.slice(0, -1), (c) => c.redirect(PARTNER_SITE_PATH));
  if (options.atRoot) app.get('/', (c) => c.redirect(PARTNER_SITE_PATH));
}
