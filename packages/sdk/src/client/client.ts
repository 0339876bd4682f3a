import ky, { type KyInstance } from 'ky';
import { SDK_VERSION } from '../version.js';
import { APIPromise } from './core/api-promise.js';
import { normalizeBaseUrl } from './core/base-url.js';
import { type HiddenKeyError, ResponseValidationError } from './core/errors.js';
import { readJsonWithin, toClientError, unwrapEnvelope } from './core/http.js';
import { checkIdempotencyKey, generateIdempotencyKey } from './core/idempotency.js';
import { debugHooks, type Logger, redactUrl } from './core/logger.js';
import { Page, PageList } from './core/pagination.js';
import { DEFAULT_RETRY_POLICY, kyRetryOptions, type RetryInfo, type RetryPolicy } from './core/retry.js';
import { type SchemaName, type SchemaSet, validateRequest, validateResponse } from './core/validation.js';
import { Activities } from './resources/activities.js';
import { Ai } from './resources/ai.js';
import { Analysis } from './resources/analysis.js';
import { ApiKeys } from './resources/api-keys.js';
import { Events } from './resources/events.js';
import { Investors } from './resources/investors.js';
import { Jobs } from './resources/jobs.js';
import { Leads } from './resources/leads.js';
import { Models } from './resources/models.js';
import { Opportunities } from './resources/opportunities.js';
import { CurrentOrganization } from './resources/organization.js';
import { Pipeline } from './resources/pipeline.js';
import { Sessions } from './resources/sessions.js';
import { WebhookEndpoints } from './resources/webhook-endpoints.js';

export interface ClientOptions {
  /** A secret key (`sk_...`), or a session token from `sessions.create`. */
  apiKey: string;
  /** Where the API lives, e.g. `https://api.example.com` (a trailing `/v1` is ignored). */
  baseUrl: string;
  /** A `fetch` to use instead of the global one (a test app's `app.request`, a proxy agent). */
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
  /** Per-attempt timeout in ms until the headers arrive, and again for reading the body (default 60 000). */
  timeout?: number;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Finer retry tuning: backoff start and ceiling, and the cap on `Retry-After`. */
  retry?: Partial<Omit<RetryPolicy, 'maxRetries'>>;
  /** Called before every retry, e.g. to count or log them. */
  onRetry?: (info: RetryInfo) => void;
  /** Validate every response against the contract (default true; needs schemas). */
  validateResponses?: boolean;
  /** Receives debug lines for each attempt, with keys and tokens redacted. */
  logger?: Logger;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

export interface CoreClientOptions extends ClientOptions {
  /** Schemas to validate with, by name; none means no validation and no zod in the bundle. */
  schemas?: SchemaSet;
}

/** Options of a single call. */
export interface RequestOptions {
  /** Cancels the call, including any wait between retries. */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms for this call (headers, then body). */
  timeout?: number;
  /** Another key (or session token) for this call only, e.g. one organisation's key among many. */
  apiKey?: string;
  /** Retries for this call. */
  maxRetries?: number;
  /** Your own idempotency key for a POST or PATCH; by default one is generated per call. */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /**
   * Sees the final response before its body is read: its status and headers, e.g.
   * `idempotent-replayed`, `x-request-id` or the `RateLimit` headers.
   */
  onResponse?: (response: Response) => void;
}

/** What a resource method tells the client about a call. */
export interface CallSpec extends RequestOptions {
  query?: object;
  body?: unknown;
  /** Schema the body (or, for a GET, the query) must satisfy before sending. */
  input?: SchemaName;
  /** Schema of the answer's `data` (for a list: of each item). */
  output?: SchemaName;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const DEFAULT_TIMEOUT = 60_000;

/**
 * Says which SDK called, for the server's logs. Browsers refuse to let a page set `User-Agent`
 * (and a custom header would cost every call a CORS preflight), so only server-side code sends it.
 */
const userAgentHeader = (): Record<string, string> =>
  typeof document === 'undefined' ? { 'user-agent': `hidden-key-sdk/${SDK_VERSION} (${runtimeName()})` } : {};

const runtimeName = () => {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return node ? `node/${node}` : 'js';
};

/**
 * The client without bundled schemas: everything but validation. Use it where bundle size matters
 * more than checking answers; {@link HiddenKey} is the same client with the contract's schemas.
 */
export class HiddenKeyCore {
  readonly leads = new Leads(this);
  readonly opportunities = new Opportunities(this);
  readonly activities = new Activities(this);
  readonly investors = new Investors(this);
  readonly pipeline = new Pipeline(this);
  readonly analysis = new Analysis(this);
  readonly sessions = new Sessions(this);
  readonly events = new Events(this);
  readonly jobs = new Jobs(this);
  readonly models = new Models(this);
  readonly organization = new CurrentOrganization(this);
  readonly webhookEndpoints = new WebhookEndpoints(this);
  readonly apiKeys = new ApiKeys(this);
  readonly ai = new Ai(this);

  readonly #options: CoreClientOptions;
  readonly #policy: RetryPolicy;
  readonly #ky: KyInstance;
  readonly #baseUrl: string;

  constructor(options: CoreClientOptions) {
    if (!options.apiKey) throw new TypeError('HiddenKey: `apiKey` is required');
    if (!options.baseUrl) throw new TypeError('HiddenKey: `baseUrl` is required');
    this.#options = options;
    this.#baseUrl = normalizeBaseUrl(options.baseUrl);
    this.#policy = {
      ...DEFAULT_RETRY_POLICY,
      ...options.retry,
      maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    };
    this.#ky = ky.create({
      fetch: options.fetch as typeof fetch | undefined,
      timeout: options.timeout ?? DEFAULT_TIMEOUT,
      retry: kyRetryOptions(this.#policy),
      headers: { ...userAgentHeader(), ...options.headers, authorization: `Bearer ${options.apiKey}` },
      hooks: {
        // Only with a logger: ky clones every response for an afterResponse hook.
        ...(options.logger && debugHooks(options.logger)),
        beforeRetry: [
          async ({ request, error, retryCount }) => {
            const clientError = (await toClientError(error, undefined)) as HiddenKeyError;
            const info = {
              attempt: retryCount,
              error: clientError,
              method: request.method,
              url: request.url,
            };
            this.#debug(`↻ retry ${retryCount} ${request.method} ${redactUrl(request.url)}`, {
              reason: clientError.message,
            });
            this.#options.onRetry?.(info);
          },
        ],
      },
    });
  }

  #debug(message: string, details: Record<string, unknown>) {
    this.#options.logger?.debug(message, details);
  }

  /** Sends one call through retries and timeouts and answers its response, unread. */
  async #send(method: Method, path: string, spec: CallSpec): Promise<Response> {
    const { schemas } = this.#options;
    if (schemas && spec.input) await validateRequest(schemas, spec.input, spec.body ?? spec.query ?? {});
    const headers = new Headers(spec.headers);
    if (spec.apiKey) headers.set('authorization', `Bearer ${spec.apiKey}`);
    if (method === 'POST' || method === 'PATCH') {
      // Generated once here, so every retry of this call carries the same key.
      if (spec.idempotencyKey !== undefined) checkIdempotencyKey(spec.idempotencyKey);
      headers.set('idempotency-key', spec.idempotencyKey ?? generateIdempotencyKey());
    }
    try {
      return await this.#ky(`${this.#baseUrl}${path}`, {
        method,
        headers,
        json: spec.body,
        searchParams: spec.query as Record<string, string | number | boolean | undefined> | undefined,
        signal: spec.signal,
        timeout: this.#timeout(spec),
        retry: { ...kyRetryOptions(this.#policy), limit: spec.maxRetries ?? this.#policy.maxRetries },
      });
    } catch (error) {
      throw await toClientError(error, spec.signal);
    }
  }

  #timeout(spec: CallSpec) {
    return spec.timeout ?? this.#options.timeout ?? DEFAULT_TIMEOUT;
  }

  /** Reads a call's answer and unwraps the success envelope, within the call's timeout. */
  async #read(response: Response, spec: CallSpec) {
    spec.onResponse?.(response);
    const requestId = response.headers.get('x-request-id') ?? undefined;
    if (response.status === 204) return { data: undefined, requestId };
    const body = await readJsonWithin(response, this.#timeout(spec), spec.signal);
    return { data: unwrapEnvelope(body, requestId), requestId };
  }

  /** @internal One call whose answer is a single resource (or nothing, for a delete). */
  request<Result>(method: Method, path: string, spec: CallSpec = {}): APIPromise<Result> {
    return APIPromise.from(this.#send(method, path, spec), async (response) => {
      const { data, requestId } = await this.#read(response, spec);
      if (spec.output && data !== undefined) this.checkResponse(spec.output, data, requestId);
      return data as Result;
    });
  }

  /** @internal A paginated list; nothing is fetched until it is awaited or iterated. */
  list<Item>(path: string, spec: CallSpec = {}): PageList<Item> {
    const fetchPage = async (cursor: string | undefined): Promise<Page<Item>> => {
      // The first page starts at the caller's own `cursor`, when it gave one (a saved position).
      const pageSpec = cursor === undefined ? spec : { ...spec, query: { ...spec.query, cursor } };
      const { data, requestId } = await this.#read(await this.#send('GET', path, pageSpec), pageSpec);
      const page = data as { items?: unknown; next_cursor?: unknown } | undefined;
      const nextCursor = page?.next_cursor;
      if (!Array.isArray(page?.items) || (nextCursor !== null && typeof nextCursor !== 'string')) {
        throw new ResponseValidationError(
          'ListPage',
          [{ path: [], message: 'Expected { items: [...], next_cursor: string | null }' }],
          requestId,
        );
      }
      if (spec.output) for (const item of page.items) this.checkResponse(spec.output, item, requestId);
      return new Page(page.items as Item[], nextCursor, fetchPage);
    };
    return new PageList(fetchPage);
  }

  /** @internal Opens a server-sent-event stream (no timeout, no retries: the reader reconnects itself). */
  openStream(
    path: string,
    query: object,
    lastEventId: string | undefined,
    signal: AbortSignal,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    return this.#ky(`${this.#baseUrl}${path}`, {
      headers,
      searchParams: query as Record<string, string>,
      signal,
      timeout: false,
      retry: 0,
    }).catch(async (error) => {
      throw await toClientError(error, signal);
    });
  }

  /** @internal Validates an answer against a named schema, when this client validates answers. */
  checkResponse(schema: SchemaName, value: unknown, requestId?: string): void {
    const { schemas } = this.#options;
    if (schemas && this.#options.validateResponses !== false)
      validateResponse(schemas, schema, value, requestId);
  }
}
