import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { clientIp } from '../services/client-ip.js';
import { bearerToken } from './auth.js';
import { errorResponse } from './errors.js';
import type { RateLimiters } from './rate-limit.js';

/** How long a credential that authenticated stays exempt from its IP's failure limit. */
const TRUSTED_MS = 10 * 60_000;
const MAX_TRUSTED = 10_000;
const SIGNED_WEBHOOKS = '/v1/inbound/';

/**
 * Failed authentication (401) is counted per client IP; over the limit, that IP gets 429 before
 * any key is looked up, so guessing keys or tokens costs the guesser, not the database. A
 * credential that authenticated on this instance in the last ten minutes is still let through (to
 * the usual checks, revocation included): one failing script behind an office's or a carrier's
 * shared address must not lock out everyone else behind it. Signed webhooks (`/v1/inbound/*`)
 * are neither refused nor counted: an HMAC cannot be guessed a try at a time, and a Twilio STOP
 * refused here is never sent again.
 */
export const limitAuthFailures = (limiters: RateLimiters) => {
  const trusted = new Map<string, number>();
  const fingerprint = (token: string | null) =>
    token === null ? null : createHash('sha256').update(token).digest('base64url');
  const isTrusted = (id: string | null) => id !== null && (trusted.get(id) ?? 0) > performance.now();
  const trust = (id: string) => {
    trusted.delete(id);
    trusted.set(id, performance.now() + TRUSTED_MS);
    if (trusted.size > MAX_TRUSTED) trusted.delete(trusted.keys().next().value!);
  };

  return createMiddleware<AppEnv>(async (c, next) => {
    const { limiter, policy } = limiters.authFailuresPerIp;
    const ip = clientIp(c);
    if (ip === null || c.req.path.startsWith(SIGNED_WEBHOOKS)) return next();
    const credential = fingerprint(bearerToken(c.req.header('authorization')));
    const seen = await limiter.get(ip).catch(() => null);
    if (seen && seen.consumedPoints >= policy.points && !isTrusted(credential)) {
      const retryAfter = Math.max(1, Math.ceil(seen.msBeforeNext / 1000));
      const response = errorResponse(
        c,
        new ApiError('rate_limited', `Too many failed authentications; retry after ${retryAfter} s`),
      );
      response.headers.set('Retry-After', String(retryAfter));
      response.headers.set('RateLimit-Policy', `${policy.points};w=${policy.durationSeconds}`);
      response.headers.set('RateLimit-Limit', String(policy.points));
      response.headers.set('RateLimit-Remaining', '0');
      response.headers.set('RateLimit-Reset', String(retryAfter));
      return response;
    }
    await next();
    if (c.res.status === 401) await limiter.penalty(ip, 1).catch(() => {});
    else if (credential !== null && c.get('auth')) trust(credential);
  });
};
