/**
 * The agency portal's service worker (Workbox), bundled into service-worker.js by
 * build-service-worker.mjs. What it keeps, so a portal opened without a network still shows what
 * it showed last:
 * - the shell (this page, its manifest and icons, the portal and calculator embeds with the
 *   calculator's schedule, chart and grid), cached at install and
 *   refreshed from the network whenever there is one;
 * - the last answer of every API read (`GET /v1/...`: the pipeline, the leads, a lead's details;
 *   not a privacy export),
 *   network first, the cached copy only when the network fails. Each copy is filed under a hash of
 *   the session that read it, so one organisation's sign-in never reads another's data;
 * - nothing of the live event stream (`/v1/events`), which the browser handles as before.
 * A write (POST, PATCH, DELETE) is never kept or replayed: without a network it is refused at once
 * with a 503 in the API's envelope that says so, and the element shows that nothing was saved.
 */
import { clientsClaim } from 'workbox-core';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst, NetworkOnly, StaleWhileRevalidate } from 'workbox-strategies';

const SHELL_CACHE = 'hk-portal-shell-v1';
const DATA_CACHE = 'hk-portal-data-v1';
const scope = new URL(self.registration.scope);
const shell = ['./', './manifest.webmanifest', './icons/icon-192.png', './icons/icon-512.png'].map(
  (path) => new URL(path, scope).href,
);
const embeds = [
  '/embed/hk-portal.js',
  '/embed/hk-deal-calculator.js',
  '/embed/deal-calculator-extras.js',
  '/embed/hk-insights.js',
].map((path) => new URL(path, scope).href);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll([...shell, ...embeds])));
  self.skipWaiting();
});
clientsClaim();

/** The page is the same whatever its query (`?token=`), so one cached copy answers them all. */
const ignoreQuery = {
  cacheKeyWillBeUsed: async ({ request }) => {
    const url = new URL(request.url);
    return url.search ? `${url.origin}${url.pathname}` : request;
  },
};
registerRoute(
  new NavigationRoute(
    new NetworkFirst({ cacheName: SHELL_CACHE, networkTimeoutSeconds: 4, plugins: [ignoreQuery] }),
  ),
);

const isEmbed = ({ url }) => url.pathname.startsWith('/embed/');
const isApi = ({ url }) => url.pathname.startsWith('/v1/') && url.pathname !== '/v1/events';
/** A privacy export (`/v1/leads/{id}/export`) is everything held about a person: never kept on the device. */
const isKeptRead = (context) =>
  isApi(context) && context.request.method === 'GET' && !context.url.pathname.endsWith('/export');

registerRoute(isEmbed, new StaleWhileRevalidate({ cacheName: SHELL_CACHE }));

async function sessionHash(request) {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(request.headers.get('authorization') ?? ''),
  );
  return [...new Uint8Array(digest).slice(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Files each API answer under the session that asked for it. */
const perSession = {
  cacheKeyWillBeUsed: async ({ request }) => {
    const url = new URL(request.url);
    url.searchParams.set('hk-session', await sessionHash(request));
    return url.href;
  },
};
registerRoute(
  isKeptRead,
  new NetworkFirst({ cacheName: DATA_CACHE, networkTimeoutSeconds: 6, plugins: [perSession] }),
);

/** What a write gets without a network: a refusal the elements show, never a silent loss. */
const refuseOffline = {
  handlerDidError: async () =>
    new Response(
      JSON.stringify({
        success: false,
        code: 'service_unavailable',
        error: 'You are offline: this change was not saved. Reconnect and try again.',
      }),
      { status: 503, headers: { 'content-type': 'application/json', 'x-hk-offline': '1' } },
    ),
};
for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
  registerRoute(isApi, new NetworkOnly({ plugins: [refuseOffline] }), method);
}
