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
  return parseJson(await response.text());
}

/**
 * As `readJson`, but a body that has not arrived within `timeout` ms (after the headers did) is
 * cancelled and the call fails with `APITimeoutError`: a server that stalls mid-body must not hang
 * the caller past the timeout it asked for.
 */
export async function readJsonWithin(
  response: Response,
  timeout: number,
  signal?: AbortSignal,
): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new APITimeoutError({ cause: 'The response body did not arrive in time' })),
      timeout,
    );
  });
  const aborted = new Promise<never>((_, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  try {
    return parseJson(await Promise.race([response.text(), stalled, aborted]));
  } catch (error) {
    await response.body?.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text: string): unknown {
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
  return new APIConnectionError(connectionMessage(error), { cause: rootCause(error) });
}

/**
 * The error underneath: Node's fetch throws `TypeError: fetch failed` whose `cause` says what
 * really happened (`connect ECONNREFUSED 127.0.0.1:8787`, `getaddrinfo ENOTFOUND`).
 */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause !== undefined; depth++) {
    current = current.cause;
  }
  return current;
}

function connectionMessage(error: unknown): string {
  const root = rootCause(error);
  const code = (root as { code?: unknown } | undefined)?.code;
  const detail = root instanceof Error ? root.message : typeof root === 'string' ? root : '';
  if (!detail) return 'Connection error';
  return `Connection error: ${typeof code === 'string' && !detail.includes(code) ? `${code} ` : ''}${detail}`;
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
