import type { MiddlewareHandler } from 'hono';
import type Stripe from 'stripe';
import type { Database, Transaction } from './db/database.js';
import type { IdempotencyClaim } from './middleware/idempotency.js';
import type { RateLimiters, RateLimitSettings } from './middleware/rate-limit.js';
import type { ErrorReporter } from './observability/error-reporter.js';
import type { Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import type { AiService } from './services/ai/ai-service.js';
import type { AiSettings } from './services/ai/ai-settings.js';
import type { DatabaseHealth } from './services/database-health.js';
import type { InboundSettings } from './services/inbound/inbound-settings.js';
import type { InboundSourceRow } from './services/inbound/inbound-source-record.js';
import type { Lookups } from './services/lookups.js';
import type { SmsProvider } from './services/messaging/sms-provider.js';
import type { EventBus } from './services/realtime/event-bus.js';
import type { EventFeeds } from './services/realtime/event-feed.js';
import type { StreamRegistry } from './services/realtime/stream-registry.js';
import type { ScorerCache } from './services/scoring/scorer-cache.js';
import type { TokenAuthority } from './services/sessions/bearer-jwt.js';
import type { TokenSettings } from './services/sessions/token-settings.js';
import type { WebhookSettings } from './services/webhooks/webhook-settings.js';

/** Everything the app needs from the outside world; tests pass their own. */
export interface AppDeps {
  db: Database;
  /** Current time; every stored timestamp the app writes comes from here. */
  clock: () => Date;
  /** New resource ids (UUIDs). */
  newId: () => string;
  /** One-way hash of an API key, as stored in `api_keys.hash`. */
  hashKey: (key: string) => string;
  /** Each organisation's latest scoring model, loaded once per version. */
  scorers: ScorerCache;
  /** Proxies (IPs or CIDR ranges) whose X-Forwarded-For is believed; none by default. */
  trustedProxies?: readonly string[];
  /** Rate-limit store and policies; the memory store and the default policies when absent. */
  rateLimits?: RateLimitSettings;
  /** Capture forms submitted sooner than this after being shown are treated as bots (ms). */
  minFillMs?: number;
  /** `GET /v1/events`: the bus defaults to LISTEN on `db`, heartbeats to every 15 s. */
  realtime?: { eventBus?: EventBus; heartbeatMs?: number; streams?: StreamRegistry };
  /** Bearer JWTs accepted besides API keys: portal sessions and, when configured, Supabase Auth. */
  tokens?: TokenSettings;
  /** Outbound webhooks: allowed hosts, retry schedule, limits, resolver (`webhookSettingsFromEnv`). */
  webhooks: WebhookSettings;
  /** Secrets inbound senders are verified with (Twilio, Stripe) and the public URL; none when absent. */
  inbound?: InboundSettings;
  /** Where text messages go (`smsProviderFromEnv`: Twilio, or the logging outbox); the outbox when absent. */
  sms?: SmsProvider;
  /** OpenAI settings of the AI agents; templates only (no key) when absent. */
  ai?: AiSettings;
  /** Where request lines and errors go (pino); silent when absent. */
  logger?: Logger;
  /** Prometheus metrics served at `/metrics`; a registry of the app's own when absent. */
  metrics?: Metrics;
  /** Bearer token `/metrics` requires (`HK_METRICS_TOKEN`); open when absent. */
  metricsToken?: string;
  /** Where unexpected errors (the 500 path) go besides the log; nowhere when absent. */
  errorReporter?: ErrorReporter;
  /** Spans per request (`startTracing`); absent unless the OTEL_* variables turn tracing on. */
  requestTracing?: MiddlewareHandler<AppEnv>;
  /** True once the server drains (SIGTERM): `/readyz` then answers 503 so load balancers send no more. */
  draining?: () => boolean;
}

/** Logs, metrics and the database's health, built once per app. */
export interface ObservabilityServices {
  logger: Logger;
  errorReporter: ErrorReporter;
  metrics: Metrics;
  databaseHealth: DatabaseHealth;
}

/** Per-app services built by `createApp` from the deps. */
export interface RealtimeServices {
  eventBus: EventBus;
  /** One shared reader of the events table per organisation with open streams on this instance. */
  feeds: EventFeeds;
  heartbeatMs: number;
  /** The streams open on this instance: caps per key and organisation, and shutdown. */
  streams: StreamRegistry;
}

/** Who is calling, resolved by the auth middleware. */
export interface AuthContext {
  organizationId: string;
  keyId: string | null;
  keyType: 'secret' | 'publishable' | 'session';
  /** Read-only callers (e.g. a read-only portal session) may not write. */
  readOnly: boolean;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    deps: AppDeps;
    auth: AuthContext;
    realtime: RealtimeServices;
    tokens: TokenAuthority;
    /** The app's limiter per rate-limit policy, built once by `createApp`. */
    limiters: RateLimiters;
    /** Cached key and region lookups, built once by `createApp`. */
    lookups: Lookups;
    /** The request's transaction (`tenantTransaction`), which `write()` runs in without a savepoint. */
    requestTransaction: Transaction | undefined;
    /** Set by the idempotency guard when the request carries a new `Idempotency-Key`. */
    idempotency: IdempotencyClaim | undefined;
    ai: AiService;
    observability: ObservabilityServices;
    /** Set by the inbound-lead signature check: the source whose secret verified the request. */
    inboundSource: InboundSourceRow | undefined;
    /** Set by the Stripe signature check: the verified event. */
    stripeEvent: Stripe.Event | undefined;
  };
};
