import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';

export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = /^application\/([\w.+-]*\+)?json(\s*;.*)?$/i;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** A request that declares no body at all (an action such as `POST /v1/leads/{id}/score`). */
const hasNoBody = (c: Context) =>
  !c.req.header('content-type') &&
  !c.req.header('transfer-encoding') &&
  (c.req.header('content-length') ?? '0') === '0';

/**
 * Writes carry JSON: anything else is refused with 415 before a handler sees it. A request with no
 * body passes; an operation that needs one answers 400 from its validation.
 */
export const requireJsonBody = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (METHODS_WITH_BODY.has(c.req.method) && !hasNoBody(c)) {
      const type = c.req.header('content-type') ?? '';
      if (!JSON_TYPE.test(type.trim())) {
        throw new ApiError('unsupported_media_type', 'Send the request body as application/json');
      }
    }
    await next();
  });

/** Bodies over the limit answer 413, whether they declare their length or stream it. */
export const limitBody = (maxSize = MAX_BODY_BYTES) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError('payload_too_large', `The request body exceeds ${maxSize} bytes`);
    },
  });
