import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { errorResponse } from './errors.js';

/** At most `points` requests per `durationSeconds` window. */
export interface RateLimitPolicy {
  points: number;
  durationSeconds: number;
}

export interface RateLimitPolicies {
  /** Lead capture per publishable key: a busy partner site's whole audience. */
  publicPerKey: RateLimitPolicy;
  /** Lead capture per client IP: a person submits a form a few times at most. */
  publicPerIp: RateLimitPolicy;
  /** Everything a secret key does: scripts and back ends, so much higher. */
  secretPerKey: RateLimitPolicy;
  /** Requests answered 401 per client IP: enough for typos, far too few for guessing keys. */
  authFailuresPerIp: RateLimitPolicy;
}

export const DEFAULT_RATE_LIMITS: RateLimitPolicies = {
  publicPerKey: { points: 600, durationSeconds: 60 },
  publicPerIp: { points: 20, durationSeconds: 60 },
  secretPerKey: { points: 6000, durationSeconds: 60 },
  authFailuresPerIp: { points: 30, durationSeconds: 60 },
};

/** Makes the limiter of one named policy; the store decides where its counters live. */
export type RateLimitStore = (name: string, policy: RateLimitPolicy) => RateLimiterAbstract;

/**
 * What a limit does when its store (Redis) fails or times out: `memory` counts in this process
 * until the store is back (the default), `open` lets the request through uncounted, `closed`
 * answers 503. Set with `RATE_LIMIT_ON_STORE_FAILURE`.
 */
export type StoreFailureMode = 'memory' | 'open' | 'closed';

export interface RateLimitSettings {
  store?: RateLimitStore;
  policies?: Partial<RateLimitPolicies>;
  onStoreFailure?: StoreFailureMode;
}

const memoryLimiter = (name: string, policy: RateLimitPolicy) =>
  new RateLimiterMemory({ keyPrefix: name, points: policy.points, duration: policy.durationSeconds });

/** Counters in this process: right for one instance, and the default. */
export const memoryStore = (): RateLimitStore => memoryLimiter;

/**
 * Counters in Redis, shared by every instance that uses the same prefix. When Redis fails (the
 * client's command timeout bounds how long that takes to know), `memory` falls back to each
 * instance's own counters; `open` and `closed` leave the failure to the middleware.
 */
export const redisStore =
  (redis: Redis, prefix = 'hk:rl', onFailure: StoreFailureMode = 'memory'): RateLimitStore =>
  (name, policy) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:${name}`,
      points: policy.points,
      duration: policy.durationSeconds,
      ...(onFailure === 'memory' ? { insuranceLimiter: memoryLimiter(name, policy) } : {}),
    });

export type RateLimiters = Record<
  keyof RateLimitPolicies,
  { policy: RateLimitPolicy; limiter: RateLimiterAbstract; onStoreFailure: StoreFailureMode }
>;

/** One limiter per policy; build them once per app, since a memory store's counters live in them. */
export function createRateLimiters(settings: RateLimitSettings = {}): RateLimiters {
  const store = settings.store ?? memoryStore();
  const policies = { ...DEFAULT_RATE_LIMITS, ...settings.policies };
  const build = (name: keyof RateLimitPolicies) => ({
    policy: policies[name],
    limiter: store(name, policies[name]),
    onStoreFailure: settings.onStoreFailure ?? 'memory',
  });
  return {
    publicPerKey: build('publicPerKey'),
    publicPerIp: build('publicPerIp'),
    secretPerKey: build('secretPerKey'),
    // Counted per instance, in memory: a second Redis round trip on every request would double
    // what a slow Redis costs, and a guesser spread over instances still meets every one's limit.
    authFailuresPerIp: {
      policy: policies.authFailuresPerIp,
      limiter: memoryLimiter('authFailuresPerIp', policies.authFailuresPerIp),
      onStoreFailure: 'memory' as const,
    },
  };
}

/** One policy applied to a request; the app's limiter of that policy (`c.get('limiters')`) counts it. */
export interface RateLimitRule {
  policy: keyof RateLimitPolicies;
  /** Whose counter a request uses; null skips the rule (e.g. no client IP outside a socket). */
  key: (c: Context<AppEnv>) => string | null;
}

interface Outcome {
  policy: RateLimitPolicy;
  limited: boolean;
  remaining: number;
  resetSeconds: number;
  /** Gives the point back (best effort: a store that fails keeps it until the window ends). */
  refund: () => Promise<void>;
}

async function consume(
  rule: { policy: RateLimitPolicy; limiter: RateLimiterAbstract; onStoreFailure: StoreFailureMode },
  key: string,
): Promise<Outcome> {
  const refund = () =>
    rule.limiter.reward(key, 1).then(
      () => {},
      () => {},
    );
  const outcome = (res: RateLimiterRes, limited: boolean) => ({
    policy: rule.policy,
    limited,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    refund,
  });
  try {
    return outcome(await rule.limiter.consume(key), false);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return outcome(rejection, true);
    if (rule.onStoreFailure === 'closed') {
      throw new ApiError('service_unavailable', 'Rate limits cannot be checked right now');
    }
    return {
      policy: rule.policy,
      limited: false,
      remaining: rule.policy.points,
      resetSeconds: rule.policy.durationSeconds,
      refund: async () => {},
    };
  }
}

/** The IETF RateLimit header fields (draft 6) for the tightest of the request's policies. */
function setHeaders(headers: Headers, outcomes: Outcome[]) {
  const tightest = [...outcomes].sort(
    (a, b) => Number(b.limited) - Number(a.limited) || a.remaining - b.remaining,
  );
  const first = tightest[0];
  if (!first) return;
  headers.set(
    'RateLimit-Policy',
    tightest.map((o) => `${o.policy.points};w=${o.policy.durationSeconds}`).join(', '),
  );
  headers.set('RateLimit-Limit', String(first.policy.points));
  headers.set('RateLimit-Remaining', String(first.remaining));
  headers.set('RateLimit-Reset', String(first.resetSeconds));
}

/**
 * Counts the request against every rule; over any of them it answers 429 `rate_limited` with
 * `Retry-After`. Every answer carries the RateLimit headers of the tightest rule.
 */
export const rateLimit = (rules: RateLimitRule[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const pending = rules.map((rule) => {
      const key = rule.key(c);
      return key === null ? null : consume(c.get('limiters')[rule.policy], key);
    });
    const outcomes = (await Promise.all(pending)).filter((outcome): outcome is Outcome => outcome !== null);
    const limited = outcomes.filter((outcome) => outcome.limited);
    if (limited.length) {
      // A refused request costs nothing under its other rules: one client over its own limit must
      // not spend a budget it shares with others (a publishable key's, for every visitor).
      await Promise.all(outcomes.filter((outcome) => !outcome.limited).map((outcome) => outcome.refund()));
      const retryAfter = Math.max(...limited.map((outcome) => outcome.resetSeconds));
      const response = errorResponse(
        c,
        new ApiError('rate_limited', `Too many requests; retry after ${retryAfter} s`),
      );
      response.headers.set('Retry-After', String(retryAfter));
      setHeaders(response.headers, outcomes);
      return response;
    }
    await next();
    setHeaders(c.res.headers, outcomes);
  });
