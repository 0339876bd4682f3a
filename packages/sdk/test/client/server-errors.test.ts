import { createServer } from 'node:net';
import { createApp, createOrganization, defaultDeps, openDatabase, sha256Hex } from '@hidden-key/server';
import { describe, expect, inject, it } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  HiddenKey,
  HiddenKeyCore,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  UnprocessableEntityError,
} from '../../src/client/index.js';
import type { LeadCreate } from '../../src/schemas/index.js';
import { useRealServer } from './support/real-server.js';

describe('errors from real server answers', () => {
  const server = useRealServer('socket');

  it('maps each answer to its class, with the request id and details', async () => {
    const { secretKey, publishableKey, organizationId } = await server.newOrg();
    const hk = server.client(secretKey);

    // The core client does not validate, so the server's own 400 comes back.
    const unchecked = new HiddenKeyCore({ apiKey: secretKey, baseUrl: server.baseUrl });
    const invalid = await unchecked.leads
      .create({ contact: { email: 'not-an-email' } } as LeadCreate)
      .catch((caught) => caught);
    expect(invalid).toBeInstanceOf(BadRequestError);
    expect(invalid).toMatchObject({ status: 400, code: 'validation_error' });
    expect(Object.keys(invalid.details ?? {})).toContain('contact.email');
    expect(invalid.requestId).toBeTruthy();
    expect(invalid.headers.get('x-request-id')).toBe(invalid.requestId);

    await expect(server.client('sk_not_a_real_key').leads.list().firstPage()).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    await expect(server.client(publishableKey).leads.list().firstPage()).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    await expect(hk.leads.retrieve(crypto.randomUUID())).rejects.toMatchObject({
      name: 'NotFoundError',
      code: 'not_found',
    });

    await hk.leads.create({ contact: { name: 'First body' } }, { idempotencyKey: 'reused-key' });
    const mismatch = await hk.leads
      .create({ contact: { name: 'Second body' } }, { idempotencyKey: 'reused-key' })
      .catch((caught) => caught);
    expect(mismatch).toBeInstanceOf(UnprocessableEntityError);
    expect(mismatch.code).toBe('idempotency_mismatch');

    // A key the server would refuse (or Headers could not carry) is refused before anything is sent,
    // in the server's words, by the core client too.
    for (const client of [hk, unchecked]) {
      for (const idempotencyKey of ['line\nbreak', 'with space', '', 'x'.repeat(256)]) {
        const refused = await client.leads
          .create({ contact: { name: 'Bad key' } }, { idempotencyKey })
          .catch((caught) => caught);
        expect(refused).toMatchObject({
          name: 'RequestValidationError',
          code: 'validation_error',
          details: { 'Idempotency-Key': ['Use 1 to 255 printable ASCII characters, without spaces'] },
        });
      }
    }
    expect(await server.countRows('leads', organizationId)).toBe(1);
  });

  it('retries a 409 while the same key is still running elsewhere, then reports ConflictError', async () => {
    const { secretKey, organizationId } = await server.newOrg();
    const body = { contact: { name: 'Racing request' } };
    // A record of this key that has no answer yet, as the server stores it: in the secret callers'
    // key space (`api:`), hashed over the method, path and the body's canonical JSON.
    await server.sql(
      `insert into idempotency_keys (organization_id, key, request_hash, status) values ($1, $2, $3, 'in_progress')`,
      [organizationId, 'api:racing-key', sha256Hex(`POST\n/v1/leads\n${JSON.stringify(body)}`)],
    );
    const retries: unknown[] = [];
    const hk = server.client(secretKey, {
      maxRetries: 2,
      retry: { initialDelay: 5 },
      onRetry: (info) => retries.push(info),
    });
    const error = await hk.leads.create(body, { idempotencyKey: 'racing-key' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe('idempotency_in_progress');
    expect(retries).toHaveLength(2);
    expect(await server.countRows('leads', organizationId)).toBe(0);
  });

  it('reports a server whose database is gone as InternalServerError', async () => {
    const handle = await openDatabase({ databaseUrl: inject('postgresUrl'), maxConnections: 1 });
    const deps = defaultDeps(handle.db);
    const app = createApp(deps);
    const { secret_key } = await createOrganization(deps, { name: 'Doomed' });
    await handle.close();
    const hk = new HiddenKey({
      apiKey: secret_key,
      baseUrl: 'http://hidden-key.test',
      fetch: (request) => Promise.resolve(app.fetch(request)),
      maxRetries: 1,
      retry: { initialDelay: 5 },
    });
    const error = await hk.leads
      .list()
      .firstPage()
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBeGreaterThanOrEqual(500);
    expect(error.requestId).toBeTruthy();
  });

  it("answers 404 for another organisation's lead", async () => {
    const mine = server.client((await server.newOrg()).secretKey);
    const theirs = server.client((await server.newOrg()).secretKey);
    const lead = await theirs.leads.create({ contact: { name: 'Not yours' } });
    await expect(mine.leads.retrieve(lead.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(mine.leads.update(lead.id, { status: 'lost' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reports a refused connection and a timeout', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const nowhere = new HiddenKey({
      apiKey: 'sk_x',
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 1,
      retry: { initialDelay: 5 },
    });
    await expect(nowhere.leads.list().firstPage()).rejects.toBeInstanceOf(APIConnectionError);

    const { secretKey } = await server.newOrg();
    const impatient = server.client(secretKey, { timeout: 1, maxRetries: 1, retry: { initialDelay: 5 } });
    await expect(impatient.leads.list().firstPage()).rejects.toBeInstanceOf(APITimeoutError);
  });
});
