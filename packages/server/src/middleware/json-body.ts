import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';

export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = /^application\/([\w.+-]*\+)?json(\s*;.*)?$/i;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Writes carry JSON: anything else is refused with 415 before a handler sees it. */
export const requireJsonBody = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (METHODS_WITH_BODY.has(c.req.method)) {
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
