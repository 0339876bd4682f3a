import { HTTPError, TimeoutError } from 'ky';
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  HiddenKeyError,
  ResponseValidationError,
} from './errors.js';

/** Reads a body as JSON, or `undefined` when it is empty or not JSON. */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Turns whatever ky or fetch threw into the client's error classes. A caller's own abort is
 * passed through as the signal's reason, so `AbortError` handling keeps working.
 */
export async function toClientError(error: unknown, signal: AbortSignal | undefined): Promise<unknown> {
  if (signal?.aborted) return signal.reason;
  if (error instanceof HiddenKeyError) return error;
  if (error instanceof HTTPError) {
    const { response } = error;
    return APIError.generate(response.status, await readJson(response.clone()), response.headers);
  }
  if (error instanceof TimeoutError) return new APITimeoutError({ cause: error });
  return new APIConnectionError(error instanceof Error ? error.message : 'Connection error', {
    cause: error,
  });
}

/**
 * The `data` of a success envelope. Checked by hand, not by zod, so the core client stays small;
 * a body that is not an envelope is a broken contract whatever the validation setting.
 */
export function unwrapEnvelope(body: unknown, requestId: string | undefined): unknown {
  if (typeof body === 'object' && body !== null && (body as { success?: unknown }).success === true) {
    return (body as { data?: unknown }).data;
  }
  throw new ResponseValidationError(
    'SuccessEnvelope',
    [{ path: ['success'], message: 'Expected a JSON success envelope' }],
    requestId,
  );
}
