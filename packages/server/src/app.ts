import type { AppDeps } from './context.js';
import { scopedDatabase } from './db/scoped-database.js';
import { ApiError } from './errors.js';
import { limitAuthFailures } from './middleware/auth-failures.js';
import { apiCors } from './middleware/cors.js';
import { notFoundHandler, onError } from './middleware/errors.js';
import { limitBody } from './middleware/json-body.js';
import { observeRequest } from './middleware/observe-request.js';
import { publicCors } from './middleware/public-cors.js';
import { refuseNulInQuery } from './middleware/query-text.js';
import { createRateLimiters } from './middleware/rate-limit.js';
import { requestId } from './middleware/request-id.js';
import { silentErrorReporter } from './observability/error-reporter.js';
import { silentLogger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { registerActivityRoutes } from './routes/activities/activities.handlers.js';
import { registerAiRoutes } from './routes/ai/ai.handlers.js';
import { registerAnalysisRoutes } from './routes/analysis/analysis.handlers.js';
import { registerApiKeyRoutes } from './routes/api-keys/api-keys.handlers.js';
import { registerEventRoutes } from './routes/events/events.handlers.js';
import { registerInboundRoutes } from './routes/inbound/inbound.handlers.js';
import { registerInboundSourceRoutes } from './routes/inbound-sources/inbound-sources.handlers.js';
import { registerInvestorRoutes } from './routes/investors/investors.handlers.js';
import { registerJobRoutes } from './routes/jobs/jobs.handlers.js';
import { registerLeadAutomationRoutes } from './routes/lead-automation/lead-automation.handlers.js';
import { registerLeadEnrichmentRoutes } from './routes/lead-enrichment/lead-enrichment.handlers.js';
import { registerLeadRoutes } from './routes/leads/leads.handlers.js';
import { registerMetricsRoute } from './routes/metrics/metrics.handlers.js';
import { registerModelRoutes } from './routes/models/models.handlers.js';
import { createRouter } from './routes/openapi.js';
import { registerOpportunityRoutes } from './routes/opportunities/opportunities.handlers.js';
import { registerOrganizationRoutes } from './routes/organization/organization.handlers.js';
import { registerPublicLeadRoutes } from './routes/public-leads/public-leads.handlers.js';
import { registerSequenceRoutes } from './routes/sequences/sequences.handlers.js';
import { registerSessionRoutes } from './routes/sessions/sessions.handlers.js';
import { registerSystemRoutes } from './routes/system/system.handlers.js';
import { registerWebhookEndpointRoutes } from './routes/webhook-endpoints/webhook-endpoints.handlers.js';
import { createAiService } from './services/ai/ai-service.js';
import { aiSettingsFromEnv } from './services/ai/ai-settings.js';
import { cachedOriginCheck } from './services/allowed-origins.js';
import { createDatabaseHealth } from './services/database-health.js';
import { createLookups } from './services/lookups.js';
import { createEventBus } from './services/realtime/event-bus.js';
import { createEventFeeds, type FeedEvent } from './services/realtime/event-feed.js';
import { createStreamRegistry } from './services/realtime/stream-registry.js';
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
  app.notFound(notFoundHandler(() => app.routes));

  const metrics = deps.metrics ?? createMetrics({ db: deps.db });
  const eventBus = deps.realtime?.eventBus ?? createEventBus(deps.db);
  // The lag is observed once per event as the feed hands it to all its streams, not once per stream.
  const observeLag = (events: readonly FeedEvent[]) => {
    const now = Date.now();
    for (const event of events) metrics.eventBusLag.observe((now - event.createdAtMs) / 1000);
  };
  const realtime = {
    eventBus,
    feeds: createEventFeeds(deps.db, eventBus, { onDelivered: observeLag }),
    heartbeatMs: deps.realtime?.heartbeatMs ?? HEARTBEAT_MS,
    streams: deps.realtime?.streams ?? createStreamRegistry(),
  };
  const tokens = createTokenAuthority(deps.db, deps.tokens);
  const limiters = createRateLimiters(deps.rateLimits);
  // What is looked up before the caller's organisation is known (its key, an origin any key
  // allows) is every organisation's: those reads run as the system role.
  const system = scopedDatabase(deps.db, null);
  const lookups = createLookups(system);
  const logger = deps.logger ?? silentLogger();
  const ai = createAiService(deps.ai ?? aiSettingsFromEnv({}), deps, metrics.aiTokens);
  const observability = {
    logger,
    errorReporter: deps.errorReporter ?? silentErrorReporter,
    metrics,
    databaseHealth: createDatabaseHealth(deps.db, logger),
  };

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('realtime', realtime);
    c.set('tokens', tokens);
    c.set('limiters', limiters);
    c.set('lookups', lookups);
    c.set('ai', ai);
    c.set('observability', observability);
    await next();
  });
  if (deps.requestTracing) app.use('*', deps.requestTracing);
  app.use('*', observeRequest());
  // While the database is known to be down, the API answers 503 at once; a probe notices its return.
  app.use('/v1/*', async (_c, next) => {
    if (observability.databaseHealth.down) {
      throw new ApiError('service_unavailable', 'The database is unavailable; retry shortly');
    }
    await next();
  });
  app.use('/v1/public/*', publicCors(cachedOriginCheck(system)));
  app.use('/v1/*', apiCors(), limitBody(), refuseNulInQuery(), limitAuthFailures(limiters));

  registerSystemRoutes(app, SERVER_VERSION);
  registerMetricsRoute(app);
  registerLeadRoutes(app);
  registerLeadEnrichmentRoutes(app);
  registerLeadAutomationRoutes(app);
  registerPublicLeadRoutes(app);
  registerOpportunityRoutes(app);
  registerActivityRoutes(app);
  registerInvestorRoutes(app);
  registerAnalysisRoutes(app);
  registerEventRoutes(app);
  registerAiRoutes(app);
  registerSequenceRoutes(app);
  registerJobRoutes(app);
  registerModelRoutes(app);
  registerWebhookEndpointRoutes(app);
  registerInboundSourceRoutes(app);
  registerInboundRoutes(app);
  registerSessionRoutes(app);
  registerOrganizationRoutes(app);
  registerApiKeyRoutes(app);
  return app;
}

export type App = ReturnType<typeof createApp>;
