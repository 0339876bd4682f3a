import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { ApiError, validationError } from '../errors.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Deeper JSON than this is refused: serialising it again would exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

const JSON_TYPE = /^application\/([\w.+-]*\+)?json(\s*;.*)?$/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;
const NUL_ESCAPE = /\\u0000/;
export const NUL_MESSAGE = 'Must not contain NUL bytes';
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * How a route takes its body: `json` — a write must carry a JSON body (an empty body would read as
 * `{}`, a valid create for resources whose fields all have defaults); `none` — a bodyless action
 * (`POST /v1/leads/{id}/score`) may send no body at all, and whatever it does send must be JSON.
 */
export type BodyRule = 'json' | 'none';

const sendsNoBody = (c: Context) =>
  !c.req.header('content-type') &&
  !c.req.header('transfer-encoding') &&
  (c.req.header('content-length') ?? '0') === '0';

/** Writes carry JSON: anything else is refused with 415 before a handler sees it. */
export const requireJsonBody = (rule: BodyRule = 'json') =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (METHODS_WITH_BODY.has(c.req.method) && !(rule === 'none' && sendsNoBody(c))) {
      const type = (c.req.header('content-type') ?? '').trim();
      if (!JSON_TYPE.test(type)) {
        throw new ApiError('unsupported_media_type', 'Send the request body as application/json');
      }
      // The body is read as UTF-8 whatever the header says, so another charset is refused, not misread.
      const charset = CHARSET.exec(type)?.[1];
      if (charset && !/^utf-?8$/i.test(charset)) {
        throw new ApiError('unsupported_media_type', `Send the request body as UTF-8 JSON, not ${charset}`);
      }
      // Nothing decompresses bodies here: a compressed one would be read as text and misread.
      const encoding = c.req.header('content-encoding')?.trim().toLowerCase();
      if (encoding && encoding !== 'identity') {
        throw new ApiError(
          'unsupported_media_type',
          `Send the request body uncompressed, not as ${encoding}`,
        );
      }
      const text = await c.req.text();
      if (jsonDepth(text) > MAX_JSON_DEPTH) {
        throw new ApiError('bad_request', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
      }
      // The substring tests keep the parse off every other body (an escaped name has `proto` too).
      if (text.includes('proto') || NUL_ESCAPE.test(text)) refuseUnstorableJson(text);
      // No schema reads a bodyless action's body, so it is checked here: nothing, or `{}`.
      if (rule === 'none' && text.trim() !== '') refuseFields(text);
      // Only an escape can make a lone surrogate (the UTF-8 decoder already replaced bad bytes).
      // The validator's `c.req.json()` parses hono's cached text, which it keeps as a promise.
      if (SURROGATE_ESCAPE.test(text))
        (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(wellFormedJson(text));
    }
    await next();
  });

/**
 * What no schema can refuse for itself, refused by its path at any depth: a key named `__proto__`
 * (the schemas copy objects, and copied, that key sets the prototype instead, so it would vanish
 * from what is stored without a word) and a NUL character in a key or a string (PostgreSQL's text
 * cannot hold one: the write would fail with no field named). Malformed JSON is left to the
 * validator's `invalid_json`.
 */
function refuseUnstorableJson(text: string) {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return;
  }
  const problems: Record<string, string[]> = {};
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string' && value.includes('\u0000')) problems[path || '_root'] = [NUL_MESSAGE];
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key === '__proto__') problems[at] = ['A key may not be named __proto__'];
      else if (key.includes('\u0000')) problems[at] = [NUL_MESSAGE];
      else walk(child, at);
    }
  };
  walk(body, '');
  if (Object.keys(problems).length > 0) throw validationError(problems);
}

/**
 * The body again with every lone surrogate, in a key or a value, replaced by U+FFFD: the schemas
 * would pass one, and PostgreSQL cannot store it (in `jsonb` it refused the whole write, in text
 * the driver's UTF-8 encoding replaced it). Replaced here, every resource stores U+FFFD alike.
 * Malformed JSON is left as it is, for the validator's `invalid_json`.
 */
function wellFormedJson(text: string): string {
  const wellFormed = (value: string) => value.replace(LONE_SURROGATE, '\uFFFD');
  try {
    return JSON.stringify(
      JSON.parse(text, (_key, value) => {
        if (typeof value === 'string') return wellFormed(value);
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          const renamed = Object.keys(value).filter((name) => wellFormed(name) !== name);
          for (const name of renamed) {
            value[wellFormed(name)] = value[name];
            delete value[name];
          }
        }
        return value;
      }),
    );
  } catch {
    return text;
  }
}

/** A bodyless action's body must be empty JSON: malformed JSON or any field is refused as in a write. */
function refuseFields(text: string) {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw validationError({ _root: ['This action takes no body; send none or {}'] });
  const fields = Object.keys(body);
  if (fields.length > 0)
    throw validationError(Object.fromEntries(fields.map((field) => [field, ['Unknown field']])));
}

/** The deepest nesting of objects and arrays in JSON text (strings skipped), without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92)
        i++; // backslash: skip the escaped character
      else if (char === 34) inString = false;
    } else if (char === 34) {
      inString = true;
    } else if (char === 123 || char === 91) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === 125 || char === 93) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Bodies over the limit answer 413, whether they declare their length or stream it. A declared
 * length is judged from the header alone, as hono's `bodyLimit` judges it, but without touching
 * `c.req.raw.body`: on @hono/node-server that builds a full web `Request` around a stream (a
 * large share of a small write's CPU), where `c.req.text()` reads the socket directly.
 */
export const limitBody = (maxSize = MAX_BODY_BYTES) => {
  const tooLarge = () => {
    throw new ApiError('payload_too_large', `The request body exceeds ${maxSize} bytes`);
  };
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return createMiddleware<AppEnv>(async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    if (Number.parseInt(length, 10) > maxSize) tooLarge();
    await next();
  });
};
