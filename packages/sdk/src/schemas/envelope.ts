import * as z from 'zod';
import { Cursor, Timestamp } from './common.js';

/**
 * Error codes and the HTTP status each one always answers with: the same mistake always gets
 * the same answer.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_error: 400,
  invalid_json: 400,
  unauthorized: 401,
  budget_exhausted: 402,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  deal_closed: 409,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  header_fields_too_large: 431,
  idempotency_mismatch: 422,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

type ErrorCodeName = keyof typeof ERROR_STATUS;
export const ErrorCode = z
  .enum(Object.keys(ERROR_STATUS) as [ErrorCodeName, ...ErrorCodeName[]])
  .meta({ id: 'ErrorCode' });
export type ErrorCode = z.infer<typeof ErrorCode>;

/** `{ success: true, data, timestamp }` around any payload. */
export const successEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({ success: z.literal(true), data, timestamp: Timestamp });

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: Cursor.nullable() });

/*
 * One page schema per item schema, made once: a named item gives a named page (`LeadPage`), so
 * the OpenAPI document has one component per list instead of an unnamed object per operation, and
 * a second `listPage(Lead)` does not register the same id twice.
 */
const pages = new WeakMap<z.ZodType, ReturnType<typeof pageOf>>();

/** A page of a list: `{ items, next_cursor }`; `next_cursor` is null on the last page. */
export const listPage = <T extends z.ZodType>(item: T): ReturnType<typeof pageOf<T>> => {
  let page = pages.get(item);
  if (!page) {
    const name = item.meta()?.id;
    page = name
      ? pageOf(item).meta({
          id: `${name}Page`,
          description: `A page of ${name} items; \`next_cursor\` is null on the last page.`,
        })
      : pageOf(item);
    pages.set(item, page);
  }
  return page as ReturnType<typeof pageOf<T>>;
};

export type ListPage<T> = { items: T[]; next_cursor: string | null };

/** Field-level detail of a validation error: `{ "contact.email": ["Invalid email address"] }`. */
export const ErrorDetails = z.record(z.string(), z.unknown());

export const ErrorEnvelope = z
  .object({
    success: z.literal(false),
    error: z.string(),
    code: ErrorCode,
    details: ErrorDetails.optional(),
    request_id: z.string(),
    timestamp: Timestamp,
  })
  .meta({ id: 'ErrorEnvelope' });
export interface ErrorEnvelope extends z.infer<typeof ErrorEnvelope> {}
