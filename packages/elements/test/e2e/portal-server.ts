/**
 * One server process of the end-to-end tests: the real Hono app from @hidden-key/server on the
 * PostgreSQL database in DATABASE_URL, plus the agency-portal example at `/` (with its manifest, icons and
 * service worker) and the portal embed
 * (built from the current source once per run by build-embeds-once.ts, with the files it loads on
 * demand) at `/embed/hk-portal.js`. Listens on a free port and prints
 * one JSON line: `{ "url": ..., "secret_key"?: ... }` (a key when SEED_ORGANIZATION=1). It runs
 * the background jobs in-process, as `hk-server serve` does (an enrichment the portal asks for).
 */
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  createApp,
  createOrganization,
  defaultDeps,
  jobDefinitions,
  openDatabase,
  startWorker,
} from '@hidden-key/server';
import { serve } from '@hono/node-server';
// @ts-expect-error: a plain ES module script without type declarations
import { serviceWorkerSource } from '../../../../examples/agency-portal/build-service-worker.mjs';

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
if (process.env.MIGRATE === '1') await handle.migrate();
const deps = defaultDeps(handle.db);
const app = createApp({ ...deps, realtime: { heartbeatMs: 1_000 } });
const worker = startWorker({ db: handle.db, definitions: jobDefinitions(process.env), pollMs: 100 });
const seeded =
  process.env.SEED_ORGANIZATION === '1' ? await createOrganization(deps, { name: 'E2E agency' }) : undefined;

const exampleDir = new URL('../../../../examples/agency-portal/', import.meta.url);
/** The example's own files (manifest, icons), served at the root as the page is. */
const exampleFiles: Record<string, string> = {
  '/manifest.webmanifest': 'application/manifest+json',
  '/icons/icon-192.png': 'image/png',
  '/icons/icon-512.png': 'image/png',
};
const serviceWorker: string = await serviceWorkerSource();
/** The embeds and their language files, by file name, as the run's global setup built them. */
const embedDir = process.env.EMBED_DIR as string;
const embedFiles = new Map<string, string>();
for (const name of await readdir(embedDir))
  embedFiles.set(name, await readFile(join(embedDir, name), 'utf8'));

const server = serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch: async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/' || pathname === '/index.html')
      return new Response(await readFile(new URL('index.html', exampleDir)), {
        headers: { 'content-type': 'text/html; charset=utf-8' },
      });
    if (pathname === '/service-worker.js')
      return new Response(serviceWorker, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    const exampleType = exampleFiles[pathname];
    if (exampleType)
      return new Response(await readFile(new URL(`.${pathname}`, exampleDir)), {
        headers: { 'content-type': exampleType },
      });
    const embedFile = pathname.startsWith('/embed/') ? embedFiles.get(pathname.slice(7)) : undefined;
    if (embedFile !== undefined)
      return new Response(embedFile, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    return app.fetch(request);
  },
});
server.once('listening', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, secret_key: seeded?.secret_key }));
});

const stop = async () => {
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  server.close();
  await worker.stop();
  await handle.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
