/** What is known about where an unexpected error happened; never request bodies or headers. */
export interface ErrorContext {
  request_id?: string;
  method?: string;
  route?: string;
  organization_id?: string | null;
  job_id?: string;
  job_name?: string;
  attempt?: number;
}

/**
 * Where unexpected errors go: the 500 path of the API and failed job tries. The default drops
 * them (they are logged anyway); `errorReporterFromEnv` sends them to Sentry when `SENTRY_DSN` is set.
 */
export interface ErrorReporter {
  report(error: unknown, context: ErrorContext): void;
  /** Waits (up to `timeoutMs`) until what was reported has been sent. */
  flush(timeoutMs?: number): Promise<void>;
}

export const silentErrorReporter: ErrorReporter = {
  report() {},
  async flush() {},
};

/** API keys, webhook secrets and bearer tokens, wherever they appear in a message or a value. */
const SECRET = /\b(?:sk|pk)_[A-Za-z0-9_-]{8,}|\bwhsec_[A-Za-z0-9+/=_-]{8,}|\bBearer\s+[^\s"',]+/g;

/** Replaces secrets in every string of a JSON-like value (a Sentry event), in place where it can. */
export function scrubSecrets<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return value.replace(SECRET, '[redacted]') as T;
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = /^(authorization|cookie|x-api-key|idempotency-key)$/i.test(key)
      ? '[redacted]'
      : scrubSecrets(item, depth + 1);
  }
  return out as T;
}

/**
 * Sentry when `SENTRY_DSN` is set (`SENTRY_ENVIRONMENT`, `SENTRY_RELEASE` optional), else null.
 * @sentry/node is imported only then. It is started bare: no default integrations (no patched
 * http or console, no OpenTelemetry of its own, which `OTEL_*` tracing owns), no personal data (the default),
 * and every event passes `scrubSecrets` before it leaves.
 */
export async function errorReporterFromEnv(env: NodeJS.ProcessEnv): Promise<ErrorReporter | null> {
  const dsn = env.SENTRY_DSN?.trim();
  if (!dsn) return null;
  const Sentry = await import('@sentry/node');
  const client = Sentry.init({
    dsn,
    environment: env.SENTRY_ENVIRONMENT,
    release: env.SENTRY_RELEASE,
    defaultIntegrations: false,
    enableOpenTelemetrySetup: false,
    enableRuntimeChannelInjection: false,
    beforeSend: (event) => scrubSecrets(event),
  });
  return {
    report(error, context) {
      const { route, method, job_name, ...extra } = context;
      Sentry.captureException(error, {
        tags: { ...(route ? { route, method } : {}), ...(job_name ? { job_name } : {}) },
        extra,
      });
    },
    async flush(timeoutMs = 2_000) {
      await client?.flush(timeoutMs);
    },
  };
}
