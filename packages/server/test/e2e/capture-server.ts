import { join } from 'node:path';
import { Hono } from 'hono';
import { createApp } from '../../src/app.js';
import type { AppDeps, AppEnv } from '../../src/context.js';
import { findAssetPaths } from '../../src/demo/asset-paths.js';
import { type PartnerPageSettings, registerPartnerSite } from '../../src/demo/partner-site.js';
import type { RateLimitSettings } from '../../src/middleware/rate-limit.js';
import { registerEmbedRoutes } from '../../src/routes/embed/embed.handlers.js';
import { issueApiKey } from '../../src/services/issue-key.js';
import { createOrganization } from '../../src/services/organizations.js';
import { listen, type SocketServer } from '../socket-server.js';

const paths = findAssetPaths();

const partnerSiteDir = join(paths.examplesDir!, 'partner-site');

/** A page server: the partner page and the embeds, on their own origin (as a partner's site is). */
export async function startPartnerPage(): Promise<SocketServer & { page: PartnerPageSettings }> {
  const page: PartnerPageSettings = { publishableKey: 'pk_unset' };
  const app = new Hono<AppEnv>();
  registerEmbedRoutes(app, paths.embeds);
  registerPartnerSite(app, { siteDir: partnerSiteDir, settings: () => page });
  return { ...(await listen(app.fetch)), page };
}

export interface CaptureServer extends SocketServer {
  organizationId: string;
  secretKey: string;
  publishableKey: string;
  /** The next capture request is handled (the lead stored) but answered 503, as by a failing proxy. */
  failNextCapture(): void;
}

/**
 * The real app over a socket, as `hk-server demo` runs it: the API, `/embed/`, and the partner
 * page (same origin) with a fresh organisation's publishable key, allowed for this server's
 * origins and any `extraOrigins`.
 */
export async function startCaptureServer(
  deps: AppDeps,
  options: { rateLimits?: RateLimitSettings; minFillMs?: number; extraOrigins?: string[] } = {},
): Promise<CaptureServer> {
  const app = createApp({ ...deps, rateLimits: options.rateLimits, minFillMs: options.minFillMs });
  let failNext = false;
  const server = await listen(async (request, env) => {
    const response = await app.fetch(request, env);
    if (failNext && request.method === 'POST' && new URL(request.url).pathname === '/v1/public/leads') {
      failNext = false;
      return new Response('{"success":false,"error":"Unavailable","code":"service_unavailable"}', {
        status: 503,
        headers: { 'content-type': 'application/json', ...Object.fromEntries(corsHeadersOf(response)) },
      });
    }
    return response;
  });
  const org = await createOrganization(deps, { name: 'E2E Home Buyers' });
  const origins = [server.url, `http://localhost:${server.port}`, ...(options.extraOrigins ?? [])];
  const publishable = await issueApiKey(deps, {
    organizationId: org.organization_id,
    type: 'publishable',
    allowedOrigins: origins,
  });
  registerEmbedRoutes(app, paths.embeds);
  registerPartnerSite(app, {
    siteDir: partnerSiteDir,
    settings: () => ({ publishableKey: publishable.key }),
  });
  return {
    ...server,
    organizationId: org.organization_id,
    secretKey: org.secret_key,
    publishableKey: publishable.key,
    failNextCapture: () => {
      failNext = true;
    },
  };
}

const corsHeadersOf = (response: Response) =>
  [...response.headers].filter(([name]) => name.startsWith('access-control-'));
