import { Redis } from 'ioredis';
import type { AppDeps } from '../context.js';
import {
  DEFAULT_RATE_LIMITS,
  type RateLimitPolicies,
  redisStore,
  type StoreFailureMode,
} from '../middleware/rate-limit.js';
import { trustedProxyList } from '../services/client-ip.js';

type Env = Record<string, string | undefined>;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

function wholeNumber(env: Env, name: string, least = 0): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < least)
    throw new Error(
      `${name} must be a whole number${least > 0 ? ` of at least ${least}` : ''}, not ${value}`,
    );
  return number;
}

/**
 * Per-minute limits from `RATE_LIMIT_PUBLIC_PER_KEY`, `RATE_LIMIT_PUBLIC_PER_IP`,
 * `RATE_LIMIT_SECRET_PER_KEY` and `RATE_LIMIT_AUTH_FAILURES_PER_IP`.
 */
function policiesFromEnv(env: Env): RateLimitPolicies {
  const perMinute = (name: string, fallback: keyof RateLimitPolicies) => {
    // 0 a minute would refuse every request; a limit is there to be reached, not to close the API.
    const points = wholeNumber(env, name, 1);
    return points === undefined ? DEFAULT_RATE_LIMITS[fallback] : { points, durationSeconds: 60 };
  };
  return {
    publicPerKey: perMinute('RATE_LIMIT_PUBLIC_PER_KEY', 'publicPerKey'),
    publicPerIp: perMinute('RATE_LIMIT_PUBLIC_PER_IP', 'publicPerIp'),
    secretPerKey: perMinute('RATE_LIMIT_SECRET_PER_KEY', 'secretPerKey'),
    authFailuresPerIp: perMinute('RATE_LIMIT_AUTH_FAILURES_PER_IP', 'authFailuresPerIp'),
  };
}

export const REDIS_COMMAND_TIMEOUT_MS = 250;

const FAILURE_MODES: readonly StoreFailureMode[] = ['memory', 'open', 'closed'];
const FAILURE_MESSAGES: Record<StoreFailureMode, string> = {
  memory: 'counting in memory until it is back',
  open: 'letting requests through uncounted until it is back (RATE_LIMIT_ON_STORE_FAILURE=open)',
  closed: 'answering 503 until it is back (RATE_LIMIT_ON_STORE_FAILURE=closed)',
};

function storeFailureMode(value: string | undefined): StoreFailureMode {
  if (value === undefined || value === '') return 'memory';
  if (!FAILURE_MODES.includes(value as StoreFailureMode)) {
    throw new Error(`RATE_LIMIT_ON_STORE_FAILURE must be one of ${FAILURE_MODES.join(', ')}, not ${value}`);
  }
  return value as StoreFailureMode;
}

export interface CaptureRuntime {
  deps: Pick<AppDeps, 'trustedProxies' | 'rateLimits' | 'minFillMs'>;
  /** Closes the Redis connection, if one was opened. */
  close: () => void;
}

/** The settings `captureRuntimeFromEnv` reads, checked without connecting to anything. */
function captureSettingsFromEnv(env: Env = process.env) {
  const trustedProxies = list(env.TRUSTED_PROXIES);
  // A malformed entry stops the start, rather than the first request that reads the list.
  trustedProxyList(trustedProxies);
  return {
    trustedProxies,
    minFillMs: wholeNumber(env, 'LEAD_MIN_FILL_MS'),
    policies: policiesFromEnv(env),
    onStoreFailure: storeFailureMode(env.RATE_LIMIT_ON_STORE_FAILURE),
  };
}

/**
 * The capture and rate-limit settings of a running server: `TRUSTED_PROXIES` (IPs or CIDRs),
 * `REDIS_URL` (shared rate-limit counters; memory otherwise), `RATE_LIMIT_PREFIX`,
 * `LEAD_MIN_FILL_MS` and the `RATE_LIMIT_*` limits. Every setting is checked before Redis is dialled.
 */
export function captureRuntimeFromEnv(env: Env = process.env): CaptureRuntime {
  const { trustedProxies, minFillMs, policies, onStoreFailure } = captureSettingsFromEnv(env);
  // A frozen Redis must not hold requests: each command gives up after 250 ms.
  const redis = env.REDIS_URL
    ? new Redis(env.REDIS_URL, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
        connectTimeout: 2000,
      })
    : null;
  // ioredis reconnects by itself and reports every failed attempt: say it once per outage.
  let reported = false;
  redis?.on('ready', () => {
    reported = false;
  });
  redis?.on('error', (error) => {
    if (reported) return;
    reported = true;
    console.error(`rate limits: Redis unavailable (${error.message}); ${FAILURE_MESSAGES[onStoreFailure]}`);
  });
  return {
    deps: {
      trustedProxies,
      minFillMs,
      rateLimits: {
        policies,
        onStoreFailure,
        ...(redis ? { store: redisStore(redis, env.RATE_LIMIT_PREFIX || 'hk:rl', onStoreFailure) } : {}),
      },
    },
    close: () => redis?.disconnect(),
  };
}
