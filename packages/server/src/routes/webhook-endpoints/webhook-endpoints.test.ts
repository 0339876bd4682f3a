import { HiddenKey, verifyWebhook, WebhookVerificationError } from '@hidden-key/sdk';
import {
  CreatedWebhookEndpoint,
  listPage,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookPayload,
} from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, useTestServer } from '../../../test/harness.js';
import { testResolve } from '../../../test/ssrf-targets.js';
import { type Receiver, startReceiver } from '../../../test/webhook-receiver.js';
import { type App, createApp } from '../../app.js';
import { events, jobs, webhookEndpoints } from '../../db/schema.js';
import { startWorker, type Worker } from '../../services/jobs/worker.js';
import { deliverWebhookJob } from '../../services/webhooks/deliver-webhook.js';
import type { WebhookSettings } from '../../services/webhooks/webhook-settings.js';

const server = useTestServer();
let app: App;
let worker: Worker;
let receiver: Receiver;

/** A name that resolves to a public address when saved and to loopback when sent (DNS rebinding). */
let rebindLookups = 0;
const settings: WebhookSettings = {
  allowedHosts: new Set(['127.0.0.1']),
  retryDelaysMs: [30, 30],
  timeoutMs: 10_000,
  maxResponseBytes: 1024,
  resolve: async (hostname) => {
    if (hostname === 'rebind.attacker.test')
      return [{ address: rebindLookups++ === 0 ? '93.184.215.14' : '127.0.0.1', family: 4 }];
    return testResolve(hostname);
  },
};

beforeAll(async () => {
  app = createApp({ ...server.deps, webhooks: settings });
  receiver = await startReceiver();
  worker = startWorker({ db: server.deps.db, definitions: [deliverWebhookJob(settings)], pollMs: 20 });
});
afterAll(async () => {
  await worker?.stop();
  await receiver?.close();
});

async function newOrg() {
  const org = await server.newOrg();
  const call = async (method: string, path: string, body?: unknown): Promise<ApiResponse> => {
    const response = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${org.secret_key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json(), headers: response.headers };
  };
  return { ...org, call };
}

type Org = Awaited<ReturnType<typeof newOrg>>;

const until = async (check: () => Promise<boolean>, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const deliveriesOf = async (org: Org, endpointId: string) => {
  const res = await org.call('GET', `/v1/webhook-endpoints/${endpointId}/deliveries`);
  expect(res.status).toBe(200);
  return listPage(WebhookDelivery).parse(res.body.data).items;
};

const createEndpoint = async (org: Org, path: string, events: string[] = ['*']) => {
  const res = await org.call('POST', '/v1/webhook-endpoints', { url: `${receiver.url}${path}`, events });
  expect(res.status).toBe(201);
  return CreatedWebhookEndpoint.parse(res.body.data);
};

describe('webhook endpoints', () => {
  it('creates an endpoint with a whsec_ secret shown once; reads, lists, updates and deletes it', async () => {
    const org = await newOrg();
    const other = await newOrg();
    const created = await createEndpoint(org, '/crud', ['lead.created']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);

    const read = await org.call('GET', `/v1/webhook-endpoints/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.secret).toBeUndefined();
    expect(WebhookEndpoint.parse(read.body.data)).toMatchObject({
      events: ['lead.created'],
      disabled: false,
    });
    const list = await org.call('GET', '/v1/webhook-endpoints');
    expect(list.body.data.items.map((item: { id: string }) => item.id)).toEqual([created.id]);
    expect(JSON.stringify(list.body)).not.toContain(created.secret);
    expect((await other.call('GET', `/v1/webhook-endpoints/${created.id}`)).status).toBe(404);
    expect((await other.call('GET', '/v1/webhook-endpoints')).body.data.items).toEqual([]);
    expect((await other.call('DELETE', `/v1/webhook-endpoints/${created.id}`)).status).toBe(404);

    const patched = await org.call('PATCH', `/v1/webhook-endpoints/${created.id}`, {
      events: ['lead.updated', 'lead.deleted'],
      description: 'CRM',
      disabled: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      events: ['lead.updated', 'lead.deleted'],
      description: 'CRM',
      disabled: true,
    });
    expect(patched.body.data.disabled_at).not.toBeNull();

    expect((await org.call('DELETE', `/v1/webhook-endpoints/${created.id}`)).body.data).toEqual({
      id: created.id,
      deleted: true,
    });
    expect((await org.call('GET', `/v1/webhook-endpoints/${created.id}`)).status).toBe(404);
  });

  it('is managed through the SDK: hk.webhookEndpoints', async () => {
    const org = await newOrg();
    const hk = new HiddenKey({
      apiKey: org.secret_key,
      baseUrl: 'http://hk.test',
      fetch: (input, init) => Promise.resolve(app.request(input, init)),
    });
    const created = await hk.webhookEndpoints.create({
      url: `${receiver.url}/sdk`,
      events: ['lead.deleted'],
    });
    expect(created.secret.startsWith('whsec_')).toBe(true);
    expect((await hk.webhookEndpoints.update(created.id, { description: 'via sdk' })).description).toBe(
      'via sdk',
    );
    expect((await hk.webhookEndpoints.list()).items.map((endpoint) => endpoint.id)).toEqual([created.id]);
    expect((await hk.webhookEndpoints.deliveries(created.id)).items).toEqual([]);
    expect((await hk.webhookEndpoints.delete(created.id)).deleted).toBe(true);
  });

  it('rotates the signing secret: for 24 h deliveries carry both signatures, then only the new one', async () => {
    const org = await newOrg();
    const hk = new HiddenKey({
      apiKey: org.secret_key,
      baseUrl: 'http://hk.test',
      fetch: (input, init) => Promise.resolve(app.request(input, init)),
    });
    const created = await createEndpoint(org, '/rotate');
    const rotated = await hk.webhookEndpoints.rotateSecret(created.id);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const overlapHours = (Date.parse(rotated.previous_secret_expires_at!) - Date.now()) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThanOrEqual(24);
    const read = await org.call('GET', `/v1/webhook-endpoints/${created.id}`);
    expect(read.body.data.previous_secret_expires_at).toBe(rotated.previous_secret_expires_at);
    expect(JSON.stringify(read.body)).not.toContain(created.secret.slice(6));
    const other = await newOrg();
    expect((await other.call('POST', `/v1/webhook-endpoints/${created.id}/rotate-secret`)).status).toBe(404);

    const deliveredNow = async (name: string) => {
      const before = receiver.received.filter((request) => request.path === '/rotate').length;
      expect((await org.call('POST', '/v1/leads', { contact: { name } })).status).toBe(201);
      await until(
        async () => receiver.received.filter((request) => request.path === '/rotate').length > before,
      );
      const request = receiver.received.filter((request) => request.path === '/rotate')[before]!;
      return { body: request.body, headers: request.headers as Record<string, string> };
    };
    const during = await deliveredNow('During the overlap');
    expect(during.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const secret of [created.secret, rotated.secret]) {
      expect(verifyWebhook(during.body, during.headers, secret)).toMatchObject({ type: 'lead.created' });
    }

    // Once the overlap has passed, the old secret no longer signs.
    await server.deps.db
      .update(webhookEndpoints)
      .set({ previousSecretExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(webhookEndpoints.id, created.id));
    const after = await deliveredNow('After the overlap');
    expect(after.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(verifyWebhook(after.body, after.headers, rotated.secret)).toMatchObject({ type: 'lead.created' });
    expect(() => verifyWebhook(after.body, after.headers, created.secret)).toThrow(WebhookVerificationError);
  });

  it('refuses private, loopback, link-local and metadata targets at save', async () => {
    const org = await newOrg();
    for (const url of [
      'http://10.0.0.1/hook',
      'http://167772161/hook',
      'http://metadata.attacker.test/latest',
      'http://[::ffff:127.0.0.1]/x',
    ]) {
      const res = await org.call('POST', '/v1/webhook-endpoints', { url, events: ['*'] });
      expect(res.status, url).toBe(400);
      expect(res.body.code).toBe('validation_error');
      expect(res.body.details.url[0]).toMatch(/not a public address/);
    }
    const ok = await createEndpoint(org, '/x');
    const res = await org.call('PATCH', `/v1/webhook-endpoints/${ok.id}`, { url: 'http://169.254.169.254/' });
    expect(res.status).toBe(400);
    expect(
      (await org.call('POST', '/v1/webhook-endpoints', { url: 'ftp://x.test/', events: ['*'] })).status,
    ).toBe(400);
    expect(
      (await org.call('POST', '/v1/webhook-endpoints', { url: `${receiver.url}/x`, events: ['lead.nope'] }))
        .status,
    ).toBe(400);
    expect(
      (await org.call('POST', '/v1/webhook-endpoints', { url: `${receiver.url}/x`, events: [] })).status,
    ).toBe(400);
    const portZero = await org.call('POST', '/v1/webhook-endpoints', {
      url: 'https://93.184.216.34:0/h',
      events: ['*'],
    });
    expect(portZero.body.details).toEqual({ url: ['Use a port from 1 to 65535'] });
    // A wrong event type is named by its index, with the valid ones listed; "*" stands alone.
    const bogus = await org.call('PATCH', `/v1/webhook-endpoints/${ok.id}`, {
      events: ['lead.created', 'bogus'],
    });
    expect(Object.keys(bogus.body.details)).toEqual(['events.1']);
    expect(bogus.body.details['events.1'][0]).toMatch(/^Expected \* or one of: lead\.created, /);
    const mixed = await org.call('PATCH', `/v1/webhook-endpoints/${ok.id}`, {
      events: ['*', 'lead.created'],
    });
    expect(mixed.body.details).toEqual({ events: ['"*" (every event type) stands alone'] });
  });

  it('delivers each matching event once, signed per Standard Webhooks, with the event id as webhook-id', async () => {
    const org = await newOrg();
    const all = await createEndpoint(org, '/all');
    const opportunitiesOnly = await createEndpoint(org, '/deals', ['opportunity.created']);
    const lead = await org.call('POST', '/v1/leads', { contact: { name: 'Ada', email: 'ada@example.com' } });
    expect(lead.status).toBe(201);

    const forAll = () => receiver.received.filter((request) => request.path === '/all');
    await until(async () => forAll().length === 1);
    const [request] = forAll();
    const headers = request!.headers as Record<string, string>;
    const payload = WebhookPayload.parse(verifyWebhook(request!.body, headers, all.secret));
    expect(payload).toMatchObject({ type: 'lead.created', data: { id: lead.body.data.id } });
    const [event] = await server.deps.db
      .select()
      .from(events)
      .where(eq(events.resourceId, lead.body.data.id));
    expect(headers['webhook-id']).toBe(String(event!.id));
    expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(() => verifyWebhook(request!.body, headers, opportunitiesOnly.secret)).toThrow(
      WebhookVerificationError,
    );

    await until(async () => (await deliveriesOf(org, all.id))[0]?.status === 'delivered');
    const [delivery] = await deliveriesOf(org, all.id);
    expect(delivery).toMatchObject({
      event_id: String(event!.id),
      event_type: 'lead.created',
      attempts: 1,
      last_status: 200,
      last_error: null,
      next_attempt_at: null,
    });
    expect(await deliveriesOf(org, opportunitiesOnly.id)).toEqual([]);
    expect(receiver.received.filter((r) => r.path === '/deals')).toEqual([]);
  });

  it('retries with backoff, disables the endpoint after the last try and records it; a retry sends again', async () => {
    const org = await newOrg();
    const endpoint = await createEndpoint(org, '/failing', ['lead.created']);
    await createEndpoint(org, '/watcher', ['webhook_endpoint.disabled']);
    let failing = true;
    receiver.answer = (request) => (request.path === '/failing' && failing ? 503 : 200);
    await org.call('POST', '/v1/leads', { contact: { name: 'Bo', email: 'bo@example.com' } });

    // The handler disables the endpoint, then the worker records the try's outcome: wait for both.
    await until(async () => (await deliveriesOf(org, endpoint.id))[0]?.status === 'failed');
    expect((await org.call('GET', `/v1/webhook-endpoints/${endpoint.id}`)).body.data.disabled).toBe(true);
    const tries = receiver.received.filter((request) => request.path === '/failing');
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((request) => request.headers['webhook-id'])).size).toBe(1);
    const [delivery] = await deliveriesOf(org, endpoint.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, last_status: 503, delivered_at: null });
    const [disabledEvent] = await server.deps.db
      .select()
      .from(events)
      .where(and(eq(events.resourceId, endpoint.id), eq(events.type, 'webhook_endpoint.disabled')));
    expect(disabledEvent).toBeDefined();
    // The organisation's other endpoints hear about it.
    await until(async () => receiver.received.some((request) => request.path === '/watcher'));

    const path = `/v1/webhook-endpoints/${endpoint.id}/deliveries/${delivery!.id}/retry`;
    expect((await org.call('POST', path)).status).toBe(409);
    await org.call('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { disabled: false });
    failing = false;
    const retried = await org.call('POST', path);
    expect(retried.status).toBe(200);
    expect(WebhookDelivery.parse(retried.body.data).status).toBe('pending');
    await until(async () => (await deliveriesOf(org, endpoint.id))[0]?.status === 'delivered');
    expect((await deliveriesOf(org, endpoint.id))[0]).toMatchObject({ attempts: 4, last_status: 200 });
    expect((await (await newOrg()).call('POST', path)).status).toBe(404);
    receiver.answer = () => 200;
  });

  it('follows no redirects and refuses at send a name that now resolves to loopback', async () => {
    const org = await newOrg();
    const redirecting = await createEndpoint(org, '/redirect', ['lead.created']);
    receiver.answer = (request) =>
      request.path === '/redirect'
        ? { status: 307, headers: { location: `${receiver.url}/elsewhere` } }
        : 200;
    const rebound = await org.call('POST', '/v1/webhook-endpoints', {
      url: 'http://rebind.attacker.test/hook',
      events: ['lead.created'],
    });
    expect(rebound.status).toBe(201);
    await org.call('POST', '/v1/leads', { contact: { name: 'Cy', email: 'cy@example.com' } });

    await until(async () => ((await deliveriesOf(org, redirecting.id))[0]?.attempts ?? 0) >= 1);
    expect((await deliveriesOf(org, redirecting.id))[0]).toMatchObject({
      last_status: 307,
      status: 'pending',
    });
    await until(async () => ((await deliveriesOf(org, rebound.body.data.id))[0]?.attempts ?? 0) >= 1);
    const [refused] = await deliveriesOf(org, rebound.body.data.id);
    expect(refused!.last_error).toMatch(/^Refused: .*127\.0\.0\.1/);
    expect(refused!.last_status).toBeNull();
    expect(receiver.received.filter((request) => request.path === '/elsewhere')).toEqual([]);
    // Let both finish their schedules so the worker is idle for the next file.
    await until(async () =>
      (await server.deps.db.select().from(jobs).where(eq(jobs.organizationId, org.organization_id))).every(
        (job) => job.state === 'dead' || job.state === 'succeeded',
      ),
    );
    receiver.answer = () => 200;
  });
});
