import { timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import type { AppEnv } from '../../context.js';
import { ApiError } from '../../errors.js';
import { bearerToken } from '../../middleware/auth.js';

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** `GET /metrics`: Prometheus text; behind `Authorization: Bearer $HK_METRICS_TOKEN` when one is set. */
export function registerMetricsRoute(app: Hono<AppEnv>) {
  app.get('/metrics', async (c) => {
    const expected = c.var.deps.metricsToken;
    if (expected) {
      const given = bearerToken(c.req.header('authorization'));
      if (!given || !sameSecret(given, expected)) {
        throw new ApiError('unauthorized', 'Send the metrics token as Authorization: Bearer <token>');
      }
    }
    const { registry } = c.var.observability.metrics;
    return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
  });
}
