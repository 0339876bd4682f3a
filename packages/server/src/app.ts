import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from './context.js';
import { authenticate, requireFullAccess, requireWritable } from './middleware/auth.js';
import { apiCors } from './middleware/cors.js';
import { notFoundHandler, onError } from './middleware/errors.js';
import { idempotency } from './middleware/idempotency.js';
import { limitBody, requireJsonBody } from './middleware/json-body.js';
import { publicCors } from './middleware/public-cors.js';
import { createRateLimiters, rateLimit } from './middleware/rate-limit.js';
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
import { registerWebhookEndpointRoutes } from './routes/webhook-endpoints/webhook-endpoints.handlers.js';
import { createAiService } from './services/ai/ai-service.js';
import { aiSettingsFromEnv } from './services/ai/ai-settings.js';
import { cachedOriginCheck } from './services/allowed-origins.js';
import { createEventBus } from './services/realtime/event-bus.js';
import { createTokenAuthority } from './services/sessions/bearer-jwt.js';
import { SERVER_VERSION } from './version.js';

/**
 * Route groups served to secret keys and to portal sessions (read-only sessions may only read);
 * other groups (public capture, sessions) bring their own auth.
 */
export const SECRET_KEY_GROUPS = [
  'leads',
  'opportunities',
  'activities',
  'investors',
  'pipeline',
  'analysis',
  'events',
  'ai',
  'jobs',
  'webhook-endpoints',
] as const;

/** Groups whose POSTs compute without writing, so read-only sessions may call them. */
const COMPUTE_ONLY_GROUPS: ReadonlySet<string> = new Set(['analysis']);

const HEARTBEAT_MS = 15_000;

/**
 * The Hono app. Middleware order: request id → (public CORS) → body limit → JSON content type →
 * auth → rate limit → idempotency → validation (zod-openapi) → handler; `onError` maps every
 * failure to the envelope.
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
  const ai = createAiService(deps.ai ?? aiSettingsFromEnv({}), deps);

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('realtime', realtime);
    c.set('tokens', tokens);
    c.set('ai', ai);
    await next();
  });
  app.use('/v1/public/*', publicCors(cachedOriginCheck(deps.db)));
  app.use('/v1/*', apiCors(), limitBody(), requireJsonBody());

  const limiters = createRateLimiters(deps.rateLimits);
  const apiAuth = authenticate({ allow: ['secret', 'session'] });
  // Sessions minted from a key count against that key; others against their organisation.
  const perKeyLimit = rateLimit([
    {
      ...limiters.secretPerKey,
      key: (c) => (c.var.auth.keyId ? `key:${c.var.auth.keyId}` : `org:${c.var.auth.organizationId}`),
    },
  ]);
  const writableApi: MiddlewareHandler<AppEnv>[] = [apiAuth, perKeyLimit, requireWritable(), idempotency()];
  const computeApi: MiddlewareHandler<AppEnv>[] = [apiAuth, perKeyLimit, idempotency()];
  // `/v1/leads/*` also matches `/v1/leads` itself.
  for (const group of SECRET_KEY_GROUPS) {
    app.use(`/v1/${group}/*`, ...(COMPUTE_ONLY_GROUPS.has(group) ? computeApi : writableApi));
  }

  registerSystemRoutes(app, SERVER_VERSION);
  registerLeadRoutes(app);
  registerPublicLeadRoutes(app, limiters);
  registerOpportunityRoutes(app);
  registerActivityRoutes(app);
  registerInvestorRoutes(app);
  registerAnalysisRoutes(app);
  registerEventRoutes(app);
  registerAiRoutes(app);
  registerJobRoutes(app);
  registerWebhookEndpointRoutes(app);
  app.use('/v1/sessions', authenticate({ allow: ['secret'] }), idempotency());
  registerSessionRoutes(app);
  app.use('/v1/api-keys/*', apiAuth, perKeyLimit, requireFullAccess(), idempotency());
  registerApiKeyRoutes(app);
  return app;
}

export type App = ReturnType<typeof createApp>;
