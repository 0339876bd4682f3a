import { afterEach, describe, expect, it } from 'vitest';
import {
  APITimeoutError,
  HiddenKey,
  HiddenKeyCore,
  RequestValidationError,
  ResponseValidationError,
} from '../../src/client/index.js';
import { makeLead } from './support/fixtures.js';
import { sendJson, startLocalServer, success } from './support/local-server.js';

let server: Awaited<ReturnType<typeof startLocalServer>> | undefined;
afterEach(() => server?.close());

const fast = { initialDelay: 5, maxDelay: 20 };

describe('HiddenKey options', () => {
  it('needs a key and a base URL', () => {
    expect(() => new HiddenKey({ apiKey: '', baseUrl: 'http://x' })).toThrow(/apiKey/);
    expect(() => new HiddenKey({ apiKey: 'sk_x', baseUrl: '' })).toThrow(/baseUrl/);
  });

  it('joins the base URL and paths whatever the trailing slash, and sends extra headers', async () => {
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 200, success(makeLead())),
    );
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: `${server.url}/`, headers: { 'x-portal': 'acme' } });
    const id = crypto.randomUUID();
    await hk.leads.retrieve(id);
    expect(server.requests[0]?.url).toBe(`/v1/leads/${id}`);
    expect(server.requests[0]?.headers['x-portal']).toBe('acme');
  });
});

describe('timeouts and aborts', () => {
  it('gives up with APITimeoutError when no attempt answers in time', async () => {
    server = await startLocalServer(() => undefined);
    const hk = new HiddenKey({
      apiKey: 'sk_x',
      baseUrl: server.url,
      // Long enough for each attempt to reach the server on a busy machine, which the count needs.
      timeout: 400,
      maxRetries: 1,
      retry: fast,
    });
    await expect(hk.leads.retrieve(crypto.randomUUID())).rejects.toBeInstanceOf(APITimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it('applies a per-call timeout', async () => {
    server = await startLocalServer(() => undefined);
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url, maxRetries: 0 });
    await expect(hk.leads.retrieve(crypto.randomUUID(), { timeout: 30 })).rejects.toBeInstanceOf(
      APITimeoutError,
    );
  });

  it('rejects with the abort reason when the caller aborts mid-request', async () => {
    server = await startLocalServer(() => undefined);
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url });
    const controller = new AbortController();
    const call = hk.leads.retrieve(crypto.randomUUID(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops waiting between retries when aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('user left');
    server = await startLocalServer((_attempt, _request, response) => {
      sendJson(response, 503, { success: false }, { 'retry-after': '3600' });
      // Abort once the client is sure to be waiting out the hour-long Retry-After.
      setTimeout(() => controller.abort(reason), 50);
    });
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url });
    await expect(hk.leads.retrieve(crypto.randomUUID(), { signal: controller.signal })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });
});

describe('validation', () => {
  it('refuses invalid arguments without sending anything', async () => {
    server = await startLocalServer((_attempt, _request, response) => sendJson(response, 201, success({})));
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url });
    const error = await hk.leads.create({ contact: {} }).catch((caught) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error.issues[0].path).toEqual(['contact']);
    await expect(hk.leads.list({ limit: 1000 }).firstPage()).rejects.toBeInstanceOf(RequestValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it('catches an answer that breaks the contract', async () => {
    const broken = { ...makeLead(), status: 'archived', contact: undefined };
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 200, success(broken)),
    );
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url });
    const error = await hk.leads.retrieve(crypto.randomUUID()).catch((caught) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.schema).toBe('Lead');
    expect(error.requestId).toBe('req_test');
    expect(error.issues.map((issue: { path: string[] }) => issue.path.join('.')).sort()).toEqual([
      'contact',
      'status',
    ]);
  });

  it('checks every item of a page', async () => {
    const items = [makeLead(), { ...makeLead(), id: 'not-a-uuid' }];
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 200, success({ items, next_cursor: null })),
    );
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url });
    await expect(hk.leads.list().toArray()).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it('treats a body that is not an envelope as a broken contract', async () => {
    server = await startLocalServer((_attempt, _request, response) => sendJson(response, 200, makeLead()));
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url, validateResponses: false });
    await expect(hk.leads.retrieve(crypto.randomUUID())).rejects.toMatchObject({ schema: 'SuccessEnvelope' });
  });

  it('passes broken answers through when validation is off, and the core client never validates', async () => {
    const broken = { ...makeLead(), status: 'archived' };
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 200, success(broken)),
    );
    const options = { apiKey: 'sk_x', baseUrl: server.url };
    await expect(
      new HiddenKey({ ...options, validateResponses: false }).leads.retrieve(crypto.randomUUID()),
    ).resolves.toMatchObject({ status: 'archived' });
    await expect(new HiddenKeyCore(options).leads.retrieve(crypto.randomUUID())).resolves.toMatchObject({
      status: 'archived',
    });
  });

  it('keeps fields the contract does not know yet', async () => {
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 200, success({ ...makeLead(), added_later: 1 })),
    );
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url });
    await expect(hk.leads.retrieve(crypto.randomUUID())).resolves.toMatchObject({ added_later: 1 });
  });
});

describe('debug logging', () => {
  it('logs each attempt with the key redacted', async () => {
    server = await startLocalServer((attempt, _request, response) =>
      attempt === 0
        ? sendJson(response, 503, { success: false })
        : sendJson(response, 200, success(makeLead())),
    );
    const lines: string[] = [];
    const logger = {
      debug: (message: string, details?: object) => lines.push(`${message} ${JSON.stringify(details)}`),
    };
    const hk = new HiddenKey({ apiKey: 'sk_live_secret123', baseUrl: server.url, logger, retry: fast });
    await hk.leads.retrieve(crypto.randomUUID());
    const log = lines.join('\n');
    expect(log).toContain('→ GET');
    expect(log).toContain('← 503');
    expect(log).toContain('↻ retry 1');
    expect(log).toContain('[redacted]');
    expect(log).not.toContain('sk_live_secret123');
  });
});
