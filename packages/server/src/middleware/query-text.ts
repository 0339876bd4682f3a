import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { validationError } from '../errors.js';
import { NUL_MESSAGE } from './json-body.js';

/**
 * A NUL in a query parameter is refused by the parameter's name, before any schema or query:
 * PostgreSQL's text cannot hold one, and the database's refusal would name no field.
 */
export const refuseNulInQuery = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.url.includes('%00')) {
      const named = Object.entries(c.req.queries())
        .filter(
          ([name, values]) => name.includes('\u0000') || values.some((value) => value.includes('\u0000')),
        )
        .map(([name]) => name);
      if (named.length > 0)
        throw validationError(Object.fromEntries(named.map((name) => [name, [NUL_MESSAGE]])));
    }
    await next();
  });
