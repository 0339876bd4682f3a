import { afterEach, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  ConflictError,
  HiddenKey,
  InternalServerError,
  type RetryInfo,
} from '../../../src/client/index.js';
import { makeLead } from '../support/fixtures.js';
import { failure, sendJson, startLocalServer, success } from '../support/local-server.js';

let server: Awaited<ReturnType<typeof startLocalServer>> | undefined;
afterEach(() => server?.close());

const fast = { initialDelay: 5, maxDelay: 20 };
const created = () => ({ ...makeLead(), merged: false });

describe('retries', () => {
  it('retries 503s with one idempotency key for the whole call', async () => {
    server = await startLocalServer((attempt, _request, response) =>
      attempt < 2
        ? sendJson(response, 503, failure(503, 'service_unavailable'))
        : sendJson(response, 201, success(created())),
    );
    const retries: RetryInfo[] = [];
    const hk = new HiddenKey({
      apiKey: 'sk_test',
      baseUrl: server.url,
      retry: fast,
      onRetry: (info) => retries.push(info),
    });

    const lead = await hk.leads.create({ contact: { email: 'ada@example.com' } });

    expect(lead.merged).toBe(false);
    expect(server.requests).toHaveLength(3);
    const keys = server.requests.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^hk_/);
    expect(new Set(keys).size).toBe(1);
    expect(retries.map((retry) => retry.attempt)).toEqual([1, 2]);
    expect(retries[0]?.error).toBeInstanceOf(InternalServerError);
    expect(server.requests.every((request) => request.body === server?.requests[0]?.body)).toBe(true);
  });

  it('gives each call its own key, and uses a key the caller passes', async () => {
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 201, success(created())),
    );
    const hk = new HiddenKey({ apiKey: 'sk_test', baseUrl: server.url });
    await hk.leads.create({ contact: { name: 'A' } });
    await hk.leads.create({ contact: { name: 'A' } });
    await hk.leads.create({ contact: { name: 'A' } }, { idempotencyKey: 'row-42' });
    const keys = server.requests.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('row-42');
  });

  it('sends no idempotency key on reads', async () => {
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 200, success(makeLead())),
    );
    const hk = new HiddenKey({ apiKey: 'sk_test', baseUrl: server.url });
    await hk.leads.retrieve(crypto.randomUUID());
    expect(server.requests[0]?.headers['idempotency-key']).toBeUndefined();
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk_test');
  });

  it('waits as long as Retry-After says, in seconds', async () => {
    server = await startLocalServer((attempt, _request, response) =>
      attempt === 0
        ? sendJson(response, 429, failure(429, 'rate_limited'), { 'retry-after': '1' })
        : sendJson(response, 200, success(makeLead())),
    );
    const hk = new HiddenKey({ apiKey: 'sk_test', baseUrl: server.url, retry: fast });
    await hk.leads.retrieve(crypto.randomUUID());
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('waits until the date a Retry-After names', async () => {
    server = await startLocalServer((attempt, _request, response) =>
      attempt === 0
        ? sendJson(response, 503, failure(503, 'service_unavailable'), {
            'retry-after': new Date(Date.now() + 2_000).toUTCString(),
          })
        : sendJson(response, 200, success(makeLead())),
    );
    const hk = new HiddenKey({ apiKey: 'sk_test', baseUrl: server.url, retry: fast });
    await hk.leads.retrieve(crypto.randomUUID());
    const [first, second] = server.requests;
    // HTTP dates have whole-second resolution, so at least one full second is left.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('cuts a Retry-After beyond the cap down to the cap', async () => {
    server = await startLocalServer((attempt, _request, response) =>
      attempt === 0
        ? sendJson(response, 429, failure(429, 'rate_limited'), { 'retry-after': '3600' })
        : sendJson(response, 200, success(makeLead())),
    );
    const hk = new HiddenKey({
      apiKey: 'sk_test',
      baseUrl: server.url,
      retry: { ...fast, maxRetryAfter: 30 },
    });
    await expect(hk.leads.retrieve(crypto.randomUUID())).resolves.toMatchObject({ status: 'new' });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a dropped connection', async () => {
    server = await startLocalServer((attempt, _request, response) =>
      attempt === 0 ? response.socket?.destroy() : sendJson(response, 201, success(created())),
    );
    const retries: RetryInfo[] = [];
    const hk = new HiddenKey({
      apiKey: 'sk_test',
      baseUrl: server.url,
      retry: fast,
      onRetry: (info) => retries.push(info),
    });
    await hk.leads.create({ contact: { phone: '+12024561111' } });
    expect(server.requests).toHaveLength(2);
    expect(retries[0]?.error).toBeInstanceOf(APIConnectionError);
    expect(server.requests[0]?.headers['idempotency-key']).toBe(
      server.requests[1]?.headers['idempotency-key'],
    );
  });

  it('throws the last error once retries run out', async () => {
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 503, failure(503, 'service_unavailable', 'Down for maintenance')),
    );
    const hk = new HiddenKey({ apiKey: 'sk_test', baseUrl: server.url, maxRetries: 3, retry: fast });
    const error = await hk.leads.retrieve(crypto.randomUUID()).catch((caught) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, code: 'service_unavailable', requestId: 'req_test' });
    expect(server.requests).toHaveLength(4);
  });

  it('retries a 409 only while the same key is in flight', async () => {
    server = await startLocalServer((attempt, _request, response) => {
      if (attempt === 0) return sendJson(response, 409, failure(409, 'idempotency_in_progress'));
      if (attempt === 1) return sendJson(response, 201, success(created()));
      return sendJson(response, 409, failure(409, 'conflict'));
    });
    const hk = new HiddenKey({ apiKey: 'sk_test', baseUrl: server.url, retry: fast });
    await hk.leads.create({ contact: { name: 'A' } });
    expect(server.requests).toHaveLength(2);
    await expect(hk.leads.create({ contact: { name: 'B' } })).rejects.toBeInstanceOf(ConflictError);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a request the server refused', async () => {
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 400, failure(400, 'validation_error')),
    );
    const hk = new HiddenKey({ apiKey: 'sk_test', baseUrl: server.url, retry: fast });
    await expect(hk.leads.retrieve(crypto.randomUUID())).rejects.toMatchObject({
      name: 'BadRequestError',
      details: { 'contact.email': ['Invalid email address'] },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('honours maxRetries per call', async () => {
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 500, failure(500, 'internal_error')),
    );
    const hk = new HiddenKey({ apiKey: 'sk_test', baseUrl: server.url, retry: fast });
    await expect(hk.leads.retrieve(crypto.randomUUID(), { maxRetries: 0 })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(server.requests).toHaveLength(1);
  });
});
