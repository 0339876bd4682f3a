import { Id, successEnvelope } from '@hidden-key/sdk/schemas';
import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import type { AppEnv } from '../context.js';
import type { Transaction } from '../db/database.js';
import { validationHook } from '../middleware/errors.js';
import { storeAnswer } from '../middleware/idempotency.js';
import { requestOrigin } from '../services/request-origin.js';
import type { Scope } from '../services/store.js';

/** A router whose failed validations all become 400 `validation_error` envelopes. */
export const createRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

export type Router = ReturnType<typeof createRouter>;

/** The query of a route that declares none: any parameter is refused as an unknown field. */
const NoQuery = z.strictObject({});

/**
 * `createRoute` for the API's own operations: a route that declares no query refuses one, so a
 * misspelt parameter (`DELETE /v1/leads/{id}?erse=true`) is a 400 naming it, never quietly a
 * different request. Receivers of other systems' calls (inbound, health checks) keep the plain one.
 */
export const createApiRoute = <R extends RouteConfig>(config: R) =>
  createRoute(
    config.request?.query ? config : ({ ...config, request: { ...config.request, query: NoQuery } } as R),
  );

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** A required JSON body: without `required`, zod-openapi would skip validating other content types. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const success = <T extends z.ZodType>(schema: T, description: string) =>
  jsonContent(successEnvelope(schema), description);

/**
 * The failures every authenticated operation can answer with, each described once as a named
 * response component (`#/components/responses/NotFound`) that every operation refers to: a
 * generated client gets one type per failure instead of eight inlined copies per operation.
 */
const errorResponseComponents = {
  400: ['BadRequest', 'Invalid request: `validation_error` (with field details) or `invalid_json`'],
  401: ['Unauthorized', 'Missing, unknown or revoked API key'],
  403: ['Forbidden', 'The key may not use this operation'],
  404: ['NotFound', 'Not found in the caller’s organisation'],
  409: ['Conflict', '`idempotency_in_progress`: the first request with this key is still running'],
  413: ['PayloadTooLarge', 'Body too large'],
  415: ['UnsupportedMediaType', 'Body is not JSON'],
  422: ['UnprocessableEntity', '`idempotency_mismatch`: the key was used with a different request'],
} as const;

type ErrorStatus = keyof typeof errorResponseComponents;

export const errorResponses = Object.fromEntries(
  Object.entries(errorResponseComponents).map(([status, [name]]) => [
    status,
    { $ref: `#/components/responses/${name}` },
  ]),
) as { [Status in ErrorStatus]: { $ref: string } };

/**
 * Adds the error response components that `errorResponses` refers to. Their `ErrorEnvelope` schema
 * is the component the routes' own error answers (`/readyz`'s 503 among them) put in the document.
 */
export function registerErrorResponses(registry: Router['openAPIRegistry']): void {
  for (const [name, description] of Object.values(errorResponseComponents)) {
    registry.registerComponent('responses', name, {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
    });
  }
}

/** The `{id}` of a resource's path. */
export const IdParams = z.object({ id: Id.meta({ description: 'The id of the resource (a UUID).' }) });

export const Deleted = z
  .object({ id: Id, deleted: z.literal(true) })
  .meta({ id: 'Deleted', description: 'The answer to a delete: the id that is gone.' });

export const security = [{ bearerAuth: [] }];

/** The success envelope around `data`. */
export const envelope = <T>(c: Context<AppEnv>, data: T) => ({
  success: true as const,
  data,
  timestamp: c.get('deps').clock().toISOString(),
});

/** The store scope of a request: the caller's organisation and the app's dependencies. */
export const scopeOf = (c: Context<AppEnv>): Scope => ({
  organizationId: c.get('auth').organizationId,
  origin: requestOrigin(c),
  lookups: c.get('lookups'),
  deps: c.get('deps'),
});

/**
 * Runs a store write in one transaction and answers with its result: the change, its event and,
 * under an `Idempotency-Key`, the stored answer commit together or not at all. A duplicate that
 * raced this request and committed first makes this one roll back and replay that answer.
 *
 *   const { body, status } = await write(c, 201, (tx, scope) => widgetStore.create(tx, scope, input));
 *   return c.json(body, status);
 */
export async function write<T, S extends ContentfulStatusCode>(
  c: Context<AppEnv>,
  status: S | ((result: T) => S),
  work: (tx: Transaction, scope: Scope) => Promise<T>,
): Promise<{ body: ReturnType<typeof envelope<T>>; status: S }> {
  const claim = c.get('idempotency');
  // In the request's transaction no savepoint is needed: a failed write fails the request, and a
  // failed request rolls back the whole transaction (`tenantTransaction`). A savepoint would cost
  // two round trips per write.
  const inTransaction = c.get('requestTransaction');
  const run = (body: (tx: Transaction) => Promise<{ body: ReturnType<typeof envelope<T>>; status: S }>) =>
    inTransaction ? body(inTransaction) : c.get('deps').db.transaction(body);
  return run(async (tx) => {
    const result = await work(tx, scopeOf(c));
    const answer = {
      body: envelope(c, result),
      status: typeof status === 'function' ? status(result) : status,
    };
    if (claim) {
      await storeAnswer(tx, claim, {
        status: answer.status,
        body: JSON.stringify(answer.body),
        now: c.get('deps').clock(),
      });
    }
    return answer;
  });
}
