import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestOrg, useTestServer } from './harness.js';

/**
 * Sweeps generated from `/openapi.json`, so a route added tomorrow is swept too: every operation
 * must be guarded, and no body key or query parameter, however it is named, may give a 5xx.
 */
const server = useTestServer();

interface Operation {
  method: string;
  path: string;
  hasBody: boolean;
  secured: boolean;
}

const ORIGIN = `https://sweep-${process.pid}.example`;
let operations: Operation[] = [];
let org: TestOrg;

beforeAll(async () => {
  org = await server.newOrg({ allowedOrigins: [ORIGIN] });
  const doc = (await server.raw('/openapi.json')).body as {
    paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      hasBody: operation.requestBody !== undefined,
      secured: (operation.security?.length ?? 0) > 0,
    })),
  );
});

const withIds = (path: string) => path.replace(/\{[^}]+\}/g, () => randomUUID());

function credentials(operation: Operation): Record<string, string> {
  return operation.path.startsWith('/v1/public/')
    ? { authorization: `Bearer ${org.publishable_key}`, origin: ORIGIN }
    : { authorization: `Bearer ${org.secret_key}` };
}

/** Names that meet Object.prototype when an object is used as a dictionary. */
const POISON_KEYS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'];

describe('every route in /openapi.json', () => {
  it('lists the API’s operations', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.filter((operation) => !operation.secured).map((o) => o.path)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz']),
    );
  });

  it('refuses a request without credentials with 401 before anything else', async () => {
    const unguarded: string[] = [];
    for (const operation of operations.filter((candidate) => candidate.secured)) {
      const res = await server.raw(withIds(operation.path), {
        method: operation.method,
        headers: operation.hasBody ? { 'content-type': 'application/json' } : {},
        body: operation.hasBody ? '{}' : undefined,
      });
      if (res.status !== 401) unguarded.push(`${operation.method} ${operation.path} → ${res.status}`);
    }
    expect(unguarded).toEqual([]);
  });

  it('answers poison body keys and query parameters with a 4xx envelope, never a 5xx', async () => {
    const poisoned = fc.record({
      operation: fc.constantFrom(...operations.filter((operation) => operation.secured)),
      key: fc.constantFrom(...POISON_KEYS),
      value: fc.jsonValue({ maxDepth: 2 }),
      where: fc.constantFrom('body', 'nested', 'query'),
    });
    await fc.assert(
      fc.asyncProperty(poisoned, async ({ operation, key, value, where }) => {
        const encoded = JSON.stringify(value) ?? 'null';
        const body =
          where === 'body' ? `{"${key}":${encoded}}` : `{"contact":{"${key}":${encoded}},"${key}":1}`;
        const query = where === 'query' ? `?${key}=${encodeURIComponent(encoded)}` : '';
        const sendsBody = operation.hasBody && where !== 'query';
        const res = await server.app.request(`${withIds(operation.path)}${query}`, {
          method: operation.method,
          headers: {
            ...credentials(operation),
            ...(operation.hasBody ? { 'content-type': 'application/json' } : {}),
          },
          body: operation.hasBody ? (sendsBody ? body : '{}') : undefined,
        });
        const label = `${operation.method} ${operation.path}${query} ${sendsBody ? body : ''}`;
        expect(res.status, label).toBeLessThan(500);
        // An event stream that opened stays open: close it rather than read it to the end.
        if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel();
        else if (res.status >= 400)
          expect(((await res.json()) as { success: boolean }).success, label).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
