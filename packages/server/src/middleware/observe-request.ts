import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../context.js';

/** The route pattern that answered (`/v1/leads/:id`), never the raw path: bounded label values. */
export function routePattern(c: Context<AppEnv>): string {
  const endpoint = matchedRoutes(c)
    .filter((route) => route.method !== 'ALL')
    .at(-1);
  return endpoint?.path ?? 'unmatched';
}

/**
 * One JSON log line and the HTTP metrics per request: request id, organisation, method, route
 * pattern, status and duration. Nothing the caller sent beyond that is logged.
 */
export const observeRequest = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    const durationMs = performance.now() - started;
    const route = routePattern(c);
    const status = c.res.status;
    const labels = { method: c.req.method, route, status: String(status) };
    const { metrics, logger } = c.get('observability');
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, durationMs / 1000);
    const line = {
      request_id: c.get('requestId'),
      organization_id: c.get('auth')?.organizationId ?? null,
      method: c.req.method,
      route,
      status,
      duration_ms: Math.round(durationMs * 10) / 10,
    };
    // A 503 is the server saying "not now" (the database is away, a limit's store is down): the
    // outage is logged once where it is seen, so its thousands of answers are warnings, not errors.
    if (status === 503) logger.warn(line, 'request refused: service unavailable');
    else if (status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  });
