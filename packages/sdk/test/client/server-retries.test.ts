import { afterEach, describe, expect, it } from 'vitest';
import { HiddenKey, InternalServerError, RateLimitError, type RetryInfo } from '../../src/client/index.js';
import { type Fault, startFlakyProxy } from './support/flaky-proxy.js';
import { useRealServer } from './support/real-server.js';

const fast = { initialDelay: 10, maxDelay: 50 };

describe('retries against the real server over a socket, with PostgreSQL', () => {
  const server = useRealServer('socket');
  let proxy: Awaited<ReturnType<typeof startFlakyProxy>> | undefined;
  afterEach(() => proxy?.close());

  /** A client whose requests go through a proxy that misbehaves per attempt of each write. */
  async function flakyClient(apiKey: string, faults: Fault[], retries: RetryInfo[] = []) {
    const attemptsByKey = new Map<string, number>();
    proxy = await startFlakyProxy(server.baseUrl, (_index, request) => {
      if (!request.idempotencyKey) return 'pass';
      const attempt = attemptsByKey.get(request.idempotencyKey) ?? 0;
      attemptsByKey.set(request.idempotencyKey, attempt + 1);
      return faults[attempt] ?? 'pass';
    });
    return new HiddenKey({
      apiKey,
      baseUrl: proxy.url,
      maxRetries: 4,
      retry: fast,
      onRetry: (info) => retries.push(info),
    });
  }

  it('lands each write exactly once when the answers are lost, refused and rate limited', async () => {
    const { secretKey, organizationId } = await server.newOrg();
    const retries: RetryInfo[] = [];
    const hk = await flakyClient(
      secretKey,
      [
        'drop-after-upstream',
        { status: 503 },
        { status: 429, headers: { 'retry-after': '1' } },
        'drop-after-upstream',
      ],
      retries,
    );

    const lead = await hk.leads.create({ contact: { name: 'Flaky Network', email: 'flaky@example.com' } });
    const deal = await hk.opportunities.create({ lead_id: lead.id, title: 'Flaky deal' });
    const note = await hk.activities.create({ type: 'note', lead_id: lead.id, subject: 'Written once' });
    const investor = await hk.investors.create({ name: 'Once Capital' });
    const moved = await hk.opportunities.move(deal.id, { stage: 'qualified' });
    const renamed = await hk.leads.update(lead.id, { motivation: 'Divorce' });

    expect(await server.countRows('leads', organizationId)).toBe(1);
    expect(await server.countRows('opportunities', organizationId)).toBe(1);
    expect(await server.countRows('activities', organizationId)).toBe(1);
    expect(await server.countRows('investors', organizationId)).toBe(1);
    expect(moved.stage).toBe('qualified');
    expect(renamed.motivation).toBe('Divorce');
    expect([note.subject, investor.name]).toEqual(['Written once', 'Once Capital']);
    // Six writes, four failed attempts each, every retry carrying its call's one key.
    expect(retries).toHaveLength(24);
    const keys = proxy!.seen
      .filter((request) => request.idempotencyKey)
      .map((request) => request.idempotencyKey);
    expect(keys).toHaveLength(30);
    expect(new Set(keys).size).toBe(6);
    expect(retries.some((retry) => retry.error instanceof RateLimitError)).toBe(true);
  });

  it('keeps one row when a dropped connection is followed by a caller retrying with their own key', async () => {
    const { secretKey, organizationId } = await server.newOrg();
    const hk = await flakyClient(secretKey, ['drop-after-upstream', 'drop-after-upstream']);
    const body = { contact: { name: 'Own key', phone: '+12024561111' } };
    const error = await hk.leads
      .create(body, { idempotencyKey: 'order-77', maxRetries: 1 })
      .catch((caught) => caught);
    expect(error.name).toBe('APIConnectionError');
    expect(await server.countRows('leads', organizationId)).toBe(1);

    const direct = server.client(secretKey);
    const replay = await direct.leads.create(body, { idempotencyKey: 'order-77' });
    expect(await server.countRows('leads', organizationId)).toBe(1);
    expect((await direct.leads.list().toArray())[0]?.id).toBe(replay.id);
  });

  it('gives up with the last server error when every attempt fails', async () => {
    const { secretKey, organizationId } = await server.newOrg();
    const hk = await flakyClient(secretKey, Array(5).fill({ status: 503 }));
    await expect(hk.leads.create({ contact: { name: 'Never' } })).rejects.toBeInstanceOf(InternalServerError);
    expect(await server.countRows('leads', organizationId)).toBe(0);
  });
});

describe('retries in-process', () => {
  const server = useRealServer('in-process');

  it('replays a write whose answer was lost instead of writing it again', async () => {
    const { secretKey, organizationId } = await server.newOrg();
    let calls = 0;
    const losingFetch = async (request: Request) => {
      const response = await server.app.fetch(request);
      // The first answer never arrives, though the server did the work.
      if (++calls === 1) throw new TypeError('fetch failed');
      return response;
    };
    const hk = new HiddenKey({
      apiKey: secretKey,
      baseUrl: 'http://hidden-key.test',
      fetch: losingFetch,
      retry: fast,
    });
    let replayed: string | null = null;
    const lead = await hk.leads.create(
      { contact: { email: 'lost@example.com' } },
      { onResponse: (response) => (replayed = response.headers.get('idempotent-replayed')) },
    );
    expect(calls).toBe(2);
    expect(replayed).toBe('true');
    expect(await server.countRows('leads', organizationId)).toBe(1);
    expect((await hk.leads.retrieve(lead.id)).contact.email).toBe('lost@example.com');
  });
});
