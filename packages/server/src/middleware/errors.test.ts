import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/harness.js';
import { ApiError } from '../errors.js';
import { isDatabaseUnavailable } from './errors.js';

const server = useTestServer();

/** JSON text nested `depth` objects deep (too deep for JSON.stringify to build). */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('inputs the database refuses', () => {
  it('answers 4xx, never 5xx, for NUL bytes in text and in query strings', async () => {
    const org = await server.newOrg();
    const body = await org.call('POST', '/v1/leads', { contact: { name: 'nul\u0000byte' } });
    expect(body.status).toBeGreaterThanOrEqual(400);
    expect(body.status).toBeLessThan(500);
    const query = await org.call('GET', `/v1/leads?q=${encodeURIComponent('a\u0000b')}`);
    expect(query.status).toBeGreaterThanOrEqual(400);
    expect(query.status).toBeLessThan(500);
    expect((await org.call('GET', '/v1/leads')).body.data.items).toEqual([]);
  });

  it('answers 4xx for JSON nested deeper than the database accepts', async () => {
    const org = await server.newOrg();
    for (const depth of [200, 5_000, 100_000]) {
      const body = `{"contact":{"name":"Deep"},"custom_fields":{"deep":${nested(depth)}}}`;
      const res = await org.call('POST', '/v1/leads', body);
      expect(res.status, String(depth)).toBeLessThan(500);
    }
    const res = await org.call(
      'POST',
      '/v1/leads',
      `{"contact":{"name":"Deep"},"custom_fields":{"deep":${nested(5_000)}}}`,
    );
    expect(res.status).toBe(400);
    const shallow = await org.call(
      'POST',
      '/v1/leads',
      `{"contact":{"name":"Ok"},"custom_fields":{"deep":${nested(20)}}}`,
    );
    expect(shallow.status).toBe(201);
  });
});

describe('isDatabaseUnavailable', () => {
  it('never takes an answer already chosen for the database’s failure, whatever its message says', () => {
    expect(isDatabaseUnavailable(new ApiError('service_unavailable', 'Twilio: connect ECONNREFUSED'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      ),
    ).toBe(true);
  });
});
