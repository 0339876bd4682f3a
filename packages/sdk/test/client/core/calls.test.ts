import { createServer } from 'node:net';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import {
  APIConnectionError,
  APIError,
  APIPromise,
  APITimeoutError,
  HiddenKey,
  InternalServerError,
  type PageList,
  SDK_VERSION,
} from '../../../src/client/index.js';
import type { ErrorCode, HkEvent } from '../../../src/schemas/index.js';
import { makeLead } from '../support/fixtures.js';
import { failure, sendJson, startLocalServer, success } from '../support/local-server.js';

let server: Awaited<ReturnType<typeof startLocalServer>> | undefined;
afterEach(() => server?.close());

const answerLead = () =>
  startLocalServer((_attempt, _request, response) => sendJson(response, 200, success(makeLead())));

describe('base URL', () => {
  it('ignores a trailing /v1 instead of calling /v1/v1/...', async () => {
    server = await answerLead();
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: `${server.url}/v1/` });
    const id = crypto.randomUUID();
    await hk.leads.retrieve(id);
    expect(server.requests[0]?.url).toBe(`/v1/leads/${id}`);
  });

  it('refuses a URL without a scheme at once, naming the fix', () => {
    expect(() => new HiddenKey({ apiKey: 'sk_x', baseUrl: 'localhost:8787' })).toThrow(
      /must start with http:\/\/ or https:\/\/.*"https:\/\/localhost:8787"/,
    );
  });
});

describe('headers', () => {
  it('sends a User-Agent naming the SDK, and a per-call API key instead of the client one', async () => {
    server = await answerLead();
    const hk = new HiddenKey({ apiKey: 'sk_default', baseUrl: server.url });
    await hk.leads.retrieve(crypto.randomUUID());
    await hk.leads.retrieve(crypto.randomUUID(), { apiKey: 'sk_other' });
    expect(server.requests[0]?.headers['user-agent']).toBe(
      `hidden-key-sdk/${SDK_VERSION} (node/${process.versions.node})`,
    );
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer sk_default',
      'Bearer sk_other',
    ]);
  });
});

describe('raw responses', () => {
  it('gives the data with its response, or the response unread', async () => {
    server = await answerLead();
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url });
    const call = hk.leads.retrieve(crypto.randomUUID());
    expect(call).toBeInstanceOf(APIPromise);
    expect(call).toBeInstanceOf(Promise);
    const { data, response } = await call.withResponse();
    expect(data.contact).toBeDefined();
    expect(response.headers.get('x-request-id')).toBe('req_test');
    expect(await call).toEqual(data);

    const raw = await hk.leads.retrieve(crypto.randomUUID()).asResponse();
    expect(raw.bodyUsed).toBe(false);
    expect(((await raw.json()) as { success: boolean }).success).toBe(true);
  });

  it('rejects asResponse with the client errors too', async () => {
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 404, failure(404, 'not_found')),
    );
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url });
    const error = await hk.leads
      .retrieve(crypto.randomUUID())
      .asResponse()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    const code: ErrorCode | undefined = (error as APIError).code;
    expect(code).toBe('not_found');
  });
});

describe('lists are promises', () => {
  it('support catch and finally', async () => {
    server = await startLocalServer((_attempt, _request, response) =>
      sendJson(response, 500, failure(500, 'internal_error')),
    );
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url, maxRetries: 0 });
    let settled = false;
    const caught = await hk.leads
      .list()
      .finally(() => {
        settled = true;
      })
      .catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(InternalServerError);
    expect(settled).toBe(true);
    expect(Object.prototype.toString.call(hk.leads.list())).toBe('[object PageList]');
  });
});

describe('timeouts cover the body', () => {
  it('fails with APITimeoutError when the body stalls after the headers', async () => {
    server = await startLocalServer((_attempt, _request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"success":true,"data":');
    });
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: server.url, timeout: 200, maxRetries: 0 });
    const started = performance.now();
    const error = await hk.leads.retrieve(crypto.randomUUID()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APITimeoutError);
    // Far below the 10 s the issue saw: the call ended because of the timeout, not the test's.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('connection errors', () => {
  it('say what really happened and carry the real cause', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
    const error = await hk.leads.retrieve(crypto.randomUUID()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(((error as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });
});

describe('types', () => {
  it('type list numbers as numbers and event data by event type', () => {
    const hk = new HiddenKey({ apiKey: 'sk_x', baseUrl: 'http://127.0.0.1:9' });
    // @ts-expect-error `limit` is a number, not any value z.coerce would take
    void hk.leads.list({ limit: 'fifty' }).catch(() => undefined);
    // @ts-expect-error `min_score` too
    void hk.leads.list({ min_score: '60' }).catch(() => undefined);
    const names = (event: HkEvent) => {
      if (event.type === 'lead.created') return event.data.contact.name;
      if (event.type === 'opportunity.moved') return event.data.stage;
      // @ts-expect-error a deleted resource's data is only its id
      if (event.type === 'lead.deleted') return event.data.contact;
      return null;
    };
    expect(names).toBeTypeOf('function');
  });
});

describe('return types', () => {
  it('declares every resource call as an APIPromise or a PageList, as it is at run time', () => {
    type Resources = Omit<HiddenKey, 'events'>;
    type Calls<R> = { [K in keyof R]: R[K] extends (...args: never[]) => infer T ? T : never }[keyof R];
    type AnyCall = { [K in keyof Resources]: Calls<Resources[K]> }[keyof Resources];
    // A call typed as a bare Promise would be left over here, and `.withResponse()` would not compile.
    expectTypeOf<Exclude<AnyCall, APIPromise<unknown> | PageList<unknown>>>().toEqualTypeOf<never>();
  });
});
