import type { Hooks } from 'ky';
/** Where debug lines go: `console` works, as does pino or any object with `debug`. */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
}

const SECRET_HEADER = /authorization|cookie|api[-_]?key|token|secret/i;
const SECRET_PARAM = /key|token|secret|password/i;

/** Headers as a plain object with every credential replaced, safe to print. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const safe: Record<string, string> = {};
  headers.forEach((value, name) => {
    safe[name] = SECRET_HEADER.test(name) ? '[redacted]' : value;
  });
  return safe;
}

/** A URL with credential-looking query parameters replaced, safe to print. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, '[redacted]');
  }
  return parsed.toString();
}

/** ky hooks that log each attempt and its answer, credentials redacted. */
export const debugHooks = (logger: Logger): Hooks => ({
  beforeRequest: [
    (request, _options, { retryCount }) =>
      logger.debug(`→ ${request.method} ${redactUrl(request.url)}`, {
        attempt: retryCount + 1,
        headers: redactHeaders(request.headers),
      }),
  ],
  afterResponse: [
    (request, _options, response) =>
      logger.debug(`← ${response.status} ${request.method} ${redactUrl(request.url)}`, {
        requestId: response.headers.get('x-request-id'),
      }),
  ],
});
