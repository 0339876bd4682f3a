import { HTTPError, type RetryOptions } from 'ky';
import type { HiddenKeyError } from './errors.js';

/** What `onRetry` hears before each new attempt. */
export interface RetryInfo {
  /** 1 for the first retry, 2 for the second, ... */
  attempt: number;
  /** Why the previous attempt failed. */
  error: HiddenKeyError;
  method: string;
  url: string;
}

export interface RetryPolicy {
  /** Retries after the first attempt (default 2). */
  maxRetries: number;
  /** Delay before the first retry in ms, doubled for each next one (default 500). */
  initialDelay: number;
  /** Ceiling of the computed backoff in ms (default 8 000). */
  maxDelay: number;
  /** Ceiling of a server's `Retry-After` in ms (default 60 000); longer waits are cut to it. */
  maxRetryAfter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  initialDelay: 500,
  maxDelay: 8_000,
  maxRetryAfter: 60_000,
};

/** Request timeout, 408; in-flight idempotent write, 409; rate limit, 429; and every 5xx. */
export const RETRYABLE_STATUSES = [408, 409, 429, ...Array.from({ length: 100 }, (_, index) => 500 + index)];

/** Every method is safe to retry: writes carry an idempotency key that the server replays. */
const ALL_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** Exponential backoff: `initialDelay * 2^(attempt-1)`, before jitter and the ceiling. */
export const backoff = (policy: RetryPolicy, attempt: number) => policy.initialDelay * 2 ** (attempt - 1);

/** Takes up to a quarter off each delay, so many clients do not retry in lockstep. */
export const jitter = (delay: number) => delay * (1 - Math.random() * 0.25);

/**
 * Decides what ky alone would get wrong. A 409 is only worth retrying while the first request with
 * the same idempotency key is still running (`idempotency_in_progress`), never for other conflicts.
 * And ky reads `RateLimit-Reset` as a retry delay when `Retry-After` is absent, but our server
 * sends RateLimit headers on every answer: a 503 or 409 would then wait out the whole rate-limit
 * window. So only `Retry-After`, or a 429's reset, delays a retry; anything else backs off.
 */
async function decideRetry({ error }: { error: Error }): Promise<boolean | undefined> {
  if (!(error instanceof HTTPError)) return undefined;
  const { status, headers } = error.response;
  if (status === 409) {
    const body = await error.response
      .clone()
      .json()
      .catch(() => undefined);
    return body?.code === 'idempotency_in_progress';
  }
  if (status === 429 || headers.has('retry-after')) return undefined;
  return RETRYABLE_STATUSES.includes(status);
}

/** The policy as ky's retry options; ky honours `Retry-After` (seconds or a date) up to the cap. */
export const kyRetryOptions = (policy: RetryPolicy): RetryOptions => ({
  limit: policy.maxRetries,
  methods: ALL_METHODS,
  statusCodes: RETRYABLE_STATUSES,
  afterStatusCodes: RETRYABLE_STATUSES,
  maxRetryAfter: policy.maxRetryAfter,
  backoffLimit: policy.maxDelay,
  delay: (attempt) => backoff(policy, attempt),
  jitter,
  retryOnTimeout: true,
  shouldRetry: decideRetry,
});
