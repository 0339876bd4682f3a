import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';

/** Forms submitted faster than this after being shown are typed by bots, not people. */
export const DEFAULT_MIN_FILL_MS = 2000;

/** True when a capture body shows a bot: the hidden `website` field filled, or filled too fast. */
export function looksLikeBot(body: unknown, minFillMs: number): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { website, elapsed_ms: elapsed } = body as { website?: unknown; elapsed_ms?: unknown };
  if (typeof website === 'string' && website.trim() !== '') return true;
  return typeof elapsed === 'number' && elapsed < minFillMs;
}

/**
 * Answers bot submissions with `respond()` (the same success shape a person gets), before
 * idempotency and validation, so nothing of them is stored and a bot learns nothing from the
 * answer. A submission without `elapsed_ms` passes here and is refused by validation (400): the
 * field is required, so leaving it out cannot skip the minimum fill time.
 */
export const spamTrap = (respond: (c: Context<AppEnv>) => Response) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const body = await c.req.json().catch(() => null);
    if (looksLikeBot(body, c.get('deps').minFillMs ?? DEFAULT_MIN_FILL_MS)) return respond(c);
    await next();
  });
