import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from './context.js';
import { authenticate } from './middleware/auth.js';
import { notFoundHandler, onError } from './middleware/errors.js';
import { idempotency } from './middleware/idempotency.js';
import { limitBody, requireJsonBody } from './middleware/json-body.js';
import { publicCors } from './middleware/public-cors.js';
import { createRateLimiters, rateLimit } from './middleware/rate-limit.js';
import { requestId } from './middleware/request-id.js';
import { registerActivityRoutes } from './routes/activities/activities.handlers.js';
import { registerAnalysisRoutes } from './routes/analysis/analysis.handlers.js';
import { registerInvestorRoutes } from './routes/investors/investors.handlers.js';
import { registerLeadRoutes } from './routes/leads/leads.handlers.js';
import { createRouter } from './routes/openapi.js';
import { registerOpportunityRoutes } from './routes/opportunities/opportunities.handlers.js';
import { registerPublicLeadRoutes } from './routes/public-leads/public-leads.handlers.js';
import { registerSystemRoutes } from './routes/system/system.handlers.js';
import { cachedOriginCheck } from './services/allowed-origins.js';
import { SERVER_VERSION } from './version.js';

/** Route groups served to secret keys; other groups (public capture, sessions) bring their own auth. */
export const SECRET_KEY_GROUPS = [
  'leads',
  'opportunities',
  'activities',
  'investors',
  'pipeline',
  'analysis',
] as const;

/**
 * The Hono app. Middleware order: request id → (public CORS) → body limit → JSON content type →
 * auth → rate limit → idempotency → validation (zod-openapi) → handler; `onError` maps every
 * failure to the envelope.
 */
export function createApp(deps: AppDeps) {
  const app = createRouter();
  app.onError(onError);
  app.notFound(notFoundHandler);

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('/v1/public/*', publicCors(cachedOriginCheck(deps.db)));
  app.use('/v1/*', limitBody(), requireJsonBody());

  const limiters = createRateLimiters(deps.rateLimits);
  const secretKeyApi: MiddlewareHandler<AppEnv>[] = [
    authenticate({ allow: ['secret'] }),
    rateLimit([{ ...limiters.secretPerKey, key: (c) => `key:${c.var.auth.keyId}` }]),
    idempotency(),
  ];
  // `/v1/leads/*` also matches `/v1/leads` itself.
  for (const group of SECRET_KEY_GROUPS) app.use(`/v1/${group}/*`, ...secretKeyApi);

  registerSystemRoutes(app, SERVER_VERSION);
  registerLeadRoutes(app);
  registerPublicLeadRoutes(app, limiters);
  registerOpportunityRoutes(app);
  registerActivityRoutes(app);
  registerInvestorRoutes(app);
  registerAnalysisRoutes(app);
  return app;
}

export type App = ReturnType<typeof createApp>;
