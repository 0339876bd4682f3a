import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';

const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Gives every request an id (the caller's `x-request-id` when it is sane) and echoes it back. */
export const requestId = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : `req_${randomUUID()}`;
    c.set('requestId', id);
    c.header('x-request-id', id);
    await next();
    c.res.headers.set('x-request-id', id);
  });
