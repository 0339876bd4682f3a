import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { clientIp } from '../services/client-ip.js';
import { errorResponse } from './errors.js';
import type { RateLimiters } from './rate-limit.js';

/**
 * Failed authentication (401) is counted per client IP; over the limit, that IP gets 429 before
 * any key is looked up, so guessing keys or tokens costs the guesser, not the database.
 */
export const limitAuthFailures = (limiters: RateLimiters) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { limiter, policy } = limiters.authFailuresPerIp;
    const ip = clientIp(c);
    if (ip === null) return next();
    const seen = await limiter.get(ip).catch(() => null);
    if (seen && seen.consumedPoints >= policy.points) {
      const retryAfter = Math.max(1, Math.ceil(seen.msBeforeNext / 1000));
      const response = errorResponse(
        c,
        new ApiError('rate_limited', `Too many failed authentications; retry after ${retryAfter} s`),
      );
      response.headers.set('Retry-After', String(retryAfter));
      return response;
    }
    await next();
    if (c.res.status === 401) await limiter.penalty(ip, 1).catch(() => {});
  });
