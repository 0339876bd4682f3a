export {
  createFetchHandler,
  createNetlifyHandler,
  type FetchHandler,
  type FetchHandlerOptions,
} from './adapters/fetch-handler.js';
export { type App, createApp } from './app.js';
export type { AppDeps, AppEnv, AuthContext } from './context.js';
export type { Database, DatabaseClient, DatabaseHandle, Executor, Transaction } from './db/database.js';
export { DatabaseOpenError } from './db/database.js';
export { type OpenDatabaseOptions, openDatabase } from './db/open.js';
export * as schema from './db/schema.js';
export { defaultDeps } from './deps.js';
export { ApiError } from './errors.js';
export { authenticate, bearerToken, requireWritable } from './middleware/auth.js';
export { errorResponse, toApiError } from './middleware/errors.js';
export {
  DEFAULT_RATE_LIMITS,
  memoryStore,
  type RateLimitPolicies,
  type RateLimitPolicy,
  type RateLimitSettings,
  type RateLimitStore,
  redisStore,
} from './middleware/rate-limit.js';
export { createLogger, type Logger } from './observability/logger.js';
export { createMetrics, type Metrics } from './observability/metrics.js';
export { findKeyByHash, generateKey, sha256Hex } from './services/api-keys.js';
export { EVENTS_CHANNEL, recordEvent } from './services/events.js';
export { type IssuedApiKey, issueApiKey, type NewApiKey } from './services/issue-key.js';
export { jobDefinitions } from './services/jobs/registry.js';
export { startWorker, type Worker, type WorkerOptions } from './services/jobs/worker.js';
export { createOrMergeLead } from './services/leads/create-lead.js';
export { createOrganization } from './services/organizations.js';
export { createEventBus, type EventBus } from './services/realtime/event-bus.js';
export {
  type SupabaseAuthSettings,
  type TokenSettings,
  tokenSettingsFromEnv,
} from './services/sessions/token-settings.js';
export { SERVER_VERSION } from './version.js';
