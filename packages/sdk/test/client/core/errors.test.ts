import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  HiddenKeyError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '../../../src/client/index.js';

const envelope = {
  success: false,
  error: 'Lead not found',
  code: 'not_found',
  details: { id: ['unknown'] },
  request_id: 'req_body',
};

describe('APIError.generate', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [599, InternalServerError],
  ])('maps %i to %o', (status, ErrorClass) => {
    const error = APIError.generate(status, envelope, new Headers());
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(HiddenKeyError);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.status).toBe(status);
  });

  it('falls back to APIError for statuses without a class of their own', () => {
    const error = APIError.generate(418, envelope, new Headers());
    expect(error.constructor).toBe(APIError);
  });

  it('carries the envelope fields, and prefers the x-request-id header', () => {
    const headers = new Headers({ 'x-request-id': 'req_header', 'retry-after': '3' });
    const error = APIError.generate(404, envelope, headers);
    expect(error.message).toBe('404 Lead not found (id: unknown)');
    expect(error.code).toBe('not_found');
    expect(error.details).toEqual({ id: ['unknown'] });
    expect(error.requestId).toBe('req_header');
    expect(error.headers.get('retry-after')).toBe('3');
    expect(APIError.generate(404, envelope, new Headers()).requestId).toBe('req_body');
  });

  it('survives a body that is not an envelope', () => {
    const error = APIError.generate(502, '<html>Bad gateway</html>', new Headers());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe('502 HTTP 502');
    expect(error.code).toBeUndefined();
    expect(error.details).toBeUndefined();
  });
});
