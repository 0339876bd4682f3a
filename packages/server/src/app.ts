import type { AppDeps } from './context.js';
import { apiCors } from './middleware/cors.js';
import { notFoundHandler, onError } from './middleware/errors.js';
import { limitBody } from './middleware/json-body.js';
import { publicCors } from './middleware/public-cors.js';
import { createRateLimiters } from './middleware/rate-limit.js';
import { requestId } from './middleware/request-id.js';
import { registerActivityRoutes } from './routes/activities/activities.handlers.js';
import { registerAiRoutes } from './routes/ai/ai.handlers.js';
import { registerAnalysisRoutes } from './routes/analysis/analysis.handlers.js';
import { registerApiKeyRoutes } from './routes/api-keys/api-keys.handlers.js';
import { registerEventRoutes } from './routes/events/events.handlers.js';
import { registerInvestorRoutes } from './routes/investors/investors.handlers.js';
import { registerJobRoutes } from './routes/jobs/jobs.handlers.js';
import { registerLeadRoutes } from './routes/leads/leads.handlers.js';
import { createRouter } from './routes/openapi.js';
import { registerOpportunityRoutes } from './routes/opportunities/opportunities.handlers.js';
import { registerPublicLeadRoutes } from './routes/public-leads/public-leads.handlers.js';
import { registerSessionRoutes } from './routes/sessions/sessions.handlers.js';
import { registerSystemRoutes } from './routes/system/system.handlers.js';
import { createAiService } from './services/ai/ai-service.js';
import { aiSettingsFromEnv } from './services/ai/ai-settings.js';
import { cachedOriginCheck } from './services/allowed-origins.js';
import { createLookups } from './services/lookups.js';
import { createEventBus } from './services/realtime/event-bus.js';
import { createTokenAuthority } from './services/sessions/bearer-jwt.js';
import { SERVER_VERSION } from './version.js';

const HEARTBEAT_MS = 15_000;

/**
 * The Hono app. Middleware order: request id → (public CORS) → CORS → body limit → the route's own
 * guard (JSON content type → auth → rate limit → idempotency; see `middleware/guards.ts`) →
 * validation (zod-openapi) → handler; `onError` maps every failure to the envelope.
 */
export function createApp(deps: AppDeps) {
  const app = createRouter();
  app.onError(onError);
  app.notFound(notFoundHandler);

  const realtime = {
    eventBus: deps.realtime?.eventBus ?? createEventBus(deps.db),
    heartbeatMs: deps.realtime?.heartbeatMs ?? HEARTBEAT_MS,
  };
  const tokens = createTokenAuthority(deps.db, deps.tokens);
  const limiters = createRateLimiters(deps.rateLimits);
  const lookups = createLookups(deps.db);
  const ai = createAiService(deps.ai ?? aiSettingsFromEnv({}), deps);

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('realtime', realtime);
    c.set('tokens', tokens);
    c.set('limiters', limiters);
    c.set('lookups', lookups);
    c.set('ai', ai);
    await next();
  });
  app.use('/v1/public/*', publicCors(cachedOriginCheck(deps.db)));
  app.use('/v1/*', apiCors(), limitBody());

  registerSystemRoutes(app, SERVER_VERSION);
  registerLeadRoutes(app);
  registerPublicLeadRoutes(app);
  registerOpportunityRoutes(app);
  registerActivityRoutes(app);
  registerInvestorRoutes(app);
  registerAnalysisRoutes(app);
  registerEventRoutes(app);
  registerAiRoutes(app);
  registerJobRoutes(app);
  registerSessionRoutes(app);
  registerApiKeyRoutes(app);
  return app;
}

export type App = ReturnType<typeof createApp>;
