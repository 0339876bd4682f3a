import type { ErrorCode } from '../../schemas/envelope.js';

/** Every error the client throws is a `HiddenKeyError`. */
export class HiddenKeyError extends Error {
  override name = 'HiddenKeyError';
}

/** One problem found by schema validation, in zod's shape. */
export interface ValidationIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
}

/**
 * Field path (dotted) → messages: the `details` of the server's `validation_error`, and of a
 * `RequestValidationError`, so code (and the CLI) handles a refusal from either side one way.
 */
export type ValidationDetails = Record<string, string[]>;

/** Issues grouped by their dotted path, as the server's error envelope gives them. */
export function detailsFromIssues(issues: readonly ValidationIssue[]): ValidationDetails {
  const details: ValidationDetails = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || '(root)';
    details[field] = [...(details[field] ?? []), issue.message];
  }
  return details;
}

/** "contact.phone: Invalid phone number; name: Required": how every validation failure is printed. */
export function describeDetails(details: ValidationDetails): string {
  return Object.entries(details)
    .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
    .join('; ');
}

/** The arguments of a call broke the contract; nothing was sent. */
export class RequestValidationError extends HiddenKeyError {
  override name = 'RequestValidationError';
  /** The same code as the server's answer to the same mistake. */
  readonly code = 'validation_error' as const;
  /** The problems by field, shaped as the server's `details`. */
  readonly details: ValidationDetails;
  constructor(
    readonly schema: string,
    readonly issues: ValidationIssue[],
  ) {
    const details = detailsFromIssues(issues);
    super(`Invalid ${schema}: ${describeDetails(details)}`);
    this.details = details;
  }
}

/** The server answered with a body that breaks the contract. */
export class ResponseValidationError extends HiddenKeyError {
  override name = 'ResponseValidationError';
  constructor(
    readonly schema: string,
    readonly issues: ValidationIssue[],
    readonly requestId: string | undefined,
  ) {
    super(`Response does not match ${schema}: ${describeIssues(issues)}`);
  }
}

const describeIssues = (issues: ValidationIssue[]) =>
  issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');

/** The server's `details` as the client shapes them: every value a list of messages. */
const toDetails = (details: unknown): ValidationDetails | undefined => {
  if (!isRecord(details)) return undefined;
  return Object.fromEntries(
    Object.entries(details).map(([field, problems]) => [field, [problems].flat().map(String)]),
  );
};

/** The error envelope the API answers with; any field may be missing from a broken server. */
interface ErrorBody {
  error?: unknown;
  code?: unknown;
  details?: unknown;
  request_id?: unknown;
}

/** The server answered with a non-2xx status. */
export class APIError extends HiddenKeyError {
  override name = 'APIError';
  /** The machine-readable code from the error envelope, e.g. `validation_error`. */
  readonly code: ErrorCode | undefined;
  /** Field-level details, e.g. `{ "contact.email": ["Invalid email address"] }`. */
  readonly details: ValidationDetails | undefined;
  /** The `x-request-id` of the failed request: quote it when asking for support. */
  readonly requestId: string | undefined;

  constructor(
    readonly status: number,
    body: ErrorBody | undefined,
    readonly headers: Headers,
  ) {
    const message = typeof body?.error === 'string' ? body.error : `HTTP ${status}`;
    const details = toDetails(body?.details);
    const fields = details && Object.keys(details).length > 0 ? ` (${describeDetails(details)})` : '';
    super(`${status} ${message}${fields}`);
    this.code = typeof body?.code === 'string' ? (body.code as ErrorCode) : undefined;
    this.details = details;
    this.requestId =
      headers.get('x-request-id') ?? (typeof body?.request_id === 'string' ? body.request_id : undefined);
  }

  /** The one place a status becomes an error class. */
  static generate(status: number, body: unknown, headers: Headers): APIError {
    const errorBody = isRecord(body) ? (body as ErrorBody) : undefined;
    const ErrorClass = errorClassFor(status);
    return new ErrorClass(status, errorBody, headers);
  }
}

/** 400: the request was malformed or failed the server's validation. */
export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}
/** 401: the key is missing, unknown, revoked or expired. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}
/** 403: the key may not do this (e.g. a publishable key outside `/v1/public`). */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}
/** 404: no such resource in the caller's organisation. */
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}
/** 409: a conflicting write, or the same idempotency key still in flight. */
export class ConflictError extends APIError {
  override name = 'ConflictError';
}
/** 422: well-formed but refused, e.g. an idempotency key reused with a different body. */
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}
/** 429: too many requests; `headers` carries `Retry-After` and `RateLimit`. */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
}
/** 5xx: the server failed. */
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

const STATUS_CLASSES: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

const errorClassFor = (status: number): typeof APIError =>
  STATUS_CLASSES[status] ?? (status >= 500 ? InternalServerError : APIError);

/** The server could not be reached, or the connection dropped before an answer. */
export class APIConnectionError extends HiddenKeyError {
  override name = 'APIConnectionError';
  constructor(message = 'Connection error', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No answer within the timeout, on the last attempt. */
export class APITimeoutError extends APIConnectionError {
  override name = 'APITimeoutError';
  constructor(options?: { cause?: unknown }) {
    super('Request timed out', options);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
