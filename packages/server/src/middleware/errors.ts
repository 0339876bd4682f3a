import type { ErrorCode } from '@hidden-key/sdk/schemas';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod';
import type { AppEnv } from '../context.js';
import { ApiError, type FieldErrors } from '../errors.js';
import { routePattern } from './observe-request.js';

/** The error envelope's body (also stored, as an erased request's replayable answer). */
export function errorBody(error: ApiError, requestId: string, now = new Date()) {
  return {
    success: false as const,
    error: error.message,
    code: error.code,
    // Always there, as the contract's envelope has it: field errors for a validation error, else {}.
    details: error.details ?? {},
    request_id: requestId,
    timestamp: now.toISOString(),
  };
}

/** Builds the error envelope; every failure of the API leaves through here. */
export function errorResponse(c: Context<AppEnv>, error: ApiError) {
  return c.json(errorBody(error, c.get('requestId') ?? ''), error.status as ContentfulStatusCode);
}

/** Zod issues as `{ "contact.email": ["Invalid email address"] }`; unknown keys get their own path. */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  // A Map, not `{}`: a field named `constructor` or `__proto__` must not meet Object.prototype.
  const details = new Map<string, string[]>();
  const add = (path: string, message: string) => {
    const key = path === '' ? '_root' : path;
    details.set(key, [...(details.get(key) ?? []), message]);
  };
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(path ? `${path}.${key}` : key, 'Unknown field');
    } else {
      add(path, issue.message);
    }
  }
  return Object.fromEntries(details);
}

/** The database's error under `error` (drizzle wraps the driver's as its cause): SQLSTATE and constraint. */
export function databaseErrorOf(error: unknown): { code: string; constraint?: string } | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return typeof constraint === 'string' ? { code, constraint } : { code };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const sqlState = (error: unknown) => databaseErrorOf(error)?.code;

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/** Network failures of a database client: refused, reset, timed out, or a connection that died. */
const CONNECTION_FAILURE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed/i;

/**
 * Whether an error means the database cannot be reached (rather than that it refused a query). An
 * `ApiError` is an answer already chosen (a provider that could not be reached, say), never the
 * database's failure; any other refused or broken connection may be, and `DatabaseHealth`
 * confirms it with a query of its own.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof ApiError) return false;
  const state = sqlState(error);
  if (state) return state.startsWith('08') || state.startsWith('57') || state === '53300';
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && CONNECTION_FAILURE.test(code)) return true;
    if (typeof message === 'string' && CONNECTION_FAILURE.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Maps any thrown value to an ApiError, so nothing a caller sends can surface as a raw 500. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 400 && /json/i.test(error.message)) {
      return new ApiError('invalid_json', 'The request body is not valid JSON');
    }
    const code = HTTP_STATUS_CODES[error.status] ?? 'bad_request';
    return new ApiError(code, error.message || code);
  }
  if (isDatabaseUnavailable(error)) return new ApiError('service_unavailable', 'The database is unavailable');
  const state = sqlState(error);
  if (state) {
    // Class 22 is "data exception": values the database refuses (NUL bytes, out-of-range numbers).
    if (state.startsWith('22')) return new ApiError('bad_request', 'A value in the request cannot be stored');
    // Class 54 is "program limit exceeded": JSON nested too deep for the server's stack, and the like.
    if (state.startsWith('54')) return new ApiError('bad_request', 'The request is too complex to store');
    if (state === '23505') return new ApiError('conflict', 'The resource already exists');
    if (state === '23503') return new ApiError('validation_error', 'A referenced resource does not exist');
    if (state === '23514' || state === '23502') {
      return new ApiError('validation_error', 'A value in the request is not allowed');
    }
    if (state === '40001' || state === '40P01') return new ApiError('conflict', 'Concurrent update, retry');
    // Raised by hk_hold_idempotency_key (migration 0023): the first request with the key is running.
    if (state === 'HKI01') {
      return new ApiError('idempotency_in_progress', 'A request with this Idempotency-Key is still running');
    }
  }
  return new ApiError('internal_error', 'Internal server error');
}

/** Seconds a client is told to wait when the service is unavailable. */
export const RETRY_AFTER_SECONDS = 2;

export function onError(error: Error, c: Context<AppEnv>) {
  const apiError = toApiError(error);
  const observability = c.get('observability');
  const reportUnhandled = () => {
    observability?.logger.error({ err: error, request_id: c.get('requestId') }, 'unhandled error');
    observability?.errorReporter.report(error, {
      request_id: c.get('requestId'),
      method: c.req.method,
      route: routePattern(c),
      organization_id: c.get('auth')?.organizationId ?? null,
    });
  };
  if (isDatabaseUnavailable(error)) {
    // One line per outage, from the health tracker, rather than a stack trace per request; a
    // refused connection to another service (the database answers) is an unhandled error.
    void observability?.databaseHealth.reportFailure(error).then((down) => down || reportUnhandled());
  } else if (apiError.status >= 500 && !(error instanceof ApiError)) {
    reportUnhandled();
  }
  const response = errorResponse(c, apiError);
  if (apiError.status === 503) response.headers.set('Retry-After', String(RETRY_AFTER_SECONDS));
  // The first request with the key is about to finish: ask again soon, then get its answer.
  if (apiError.code === 'idempotency_in_progress') response.headers.set('Retry-After', '1');
  return response;
}

/**
 * No route answers: `405` with `Allow` when the path has routes for other methods (read from the
 * app's route table the first time, when every route is registered), `404` otherwise.
 */
export function notFoundHandler(routes: () => readonly { method: string; path: string }[]) {
  let methodsAt: ((path: string) => string[]) | undefined;
  return (c: Context<AppEnv>) => {
    methodsAt ??= routeMethods(routes());
    const allowed = methodsAt(c.req.path);
    // A route of this method that ran and found nothing (a file not there) is a 404, not a 405.
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    if (allowed.length > 0 && !allowed.includes(method)) {
      const response = errorResponse(
        c,
        new ApiError(
          'method_not_allowed',
          `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(' or ')}`,
        ),
      );
      response.headers.set('Allow', allowed.join(', '));
      return response;
    }
    return errorResponse(c, new ApiError('not_found', `No route for ${c.req.method} ${c.req.path}`));
  };
}

/** Which methods the routes serve at a path (middleware, registered for every method, left out). */
function routeMethods(routes: readonly { method: string; path: string }[]) {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = routes
    .filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
    .map((route) => ({
      method: route.method,
      pattern: new RegExp(
        `^${route.path
          .split('/')
          .map((part) => (part.startsWith(':') ? '[^/]+' : literal(part)))
          .join('/')}$`,
      ),
    }));
  const order = (method: string) => METHOD_ORDER.indexOf(method);
  return (path: string) =>
    [...new Set(patterns.filter(({ pattern }) => pattern.test(path)).map(({ method }) => method))].sort(
      (a, b) => order(a) - order(b),
    );
}

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** zod-openapi's defaultHook: every failed validation becomes a 400 `validation_error`. */
export function validationHook(result: { success: boolean; error?: z.ZodError }) {
  if (!result.success && result.error) {
    throw new ApiError('validation_error', 'The request is invalid', issuesToDetails(result.error.issues));
  }
}
