import { createLogger } from '../observability/logger.js';
import type { StartServerOptions } from '../server.js';
import { DEFAULT_STREAM_LIMITS } from '../services/realtime/stream-registry.js';

type Env = Record<string, string | undefined>;

function wholeNumber(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new Error(`${name} must be a whole number, not ${value}`);
  return number;
}

/**
 * The operating settings of `serve` and `demo`: `LOG_LEVEL`, `HK_METRICS_TOKEN`,
 * `HK_SHUTDOWN_TIMEOUT_MS` (default 10 000), `HK_REQUEST_TIMEOUT_MS` (default 30 000),
 * `HK_STREAMS_PER_KEY` (20) and `HK_STREAMS_PER_ORGANIZATION` (100).
 */
export function serverSettingsFromEnv(env: Env = process.env): Pick<
  StartServerOptions,
  'shutdownTimeoutMs' | 'requestTimeoutMs' | 'streamLimits'
> & {
  logger: ReturnType<typeof createLogger>;
  metricsToken?: string;
} {
  return {
    logger: createLogger(env),
    metricsToken: env.HK_METRICS_TOKEN || undefined,
    shutdownTimeoutMs: wholeNumber(env, 'HK_SHUTDOWN_TIMEOUT_MS', 10_000),
    requestTimeoutMs: wholeNumber(env, 'HK_REQUEST_TIMEOUT_MS', 30_000),
    streamLimits: {
      perKey: wholeNumber(env, 'HK_STREAMS_PER_KEY', DEFAULT_STREAM_LIMITS.perKey),
      perOrganization: wholeNumber(env, 'HK_STREAMS_PER_ORGANIZATION', DEFAULT_STREAM_LIMITS.perOrganization),
    },
  };
}
