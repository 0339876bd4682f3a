import { ERROR_STATUS, type ErrorCode } from '@hidden-key/sdk/schemas';

/** Field path (dotted) -> messages, as in the error envelope's `details`. */
export type FieldErrors = Record<string, string[]>;

/** The one error type of the API: its code decides the HTTP status. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status() {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (resource: string) => new ApiError('not_found', `${resource} not found`);

export const validationError = (details: FieldErrors, message = 'The request is invalid') =>
  new ApiError('validation_error', message, details);
