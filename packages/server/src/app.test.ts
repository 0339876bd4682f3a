import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test/harness.js';

const server = useTestServer();

describe('the app', () => {
  it('answers unknown routes with a 404 envelope and a request id', async () => {
    const res = await server.raw('/nope');
    expect(res.status).toBe(404);
    expect(Object.keys(res.body)).toEqual(['success', 'error', 'code', 'details', 'request_id', 'timestamp']);
    expect(res.body).toMatchObject({ success: false, code: 'not_found', details: {} });
    expect(res.body.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('echoes a sane incoming x-request-id and replaces an unsafe one', async () => {
    const echoed = await server.raw('/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await server.raw('/healthz', { headers: { 'x-request-id': 'a b<script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('answers the API base with where its reference is', async () => {
    const base = await server.raw('/v1');
    expect(base.status).toBe(200);
    expect(base.body.data).toMatchObject({ name: 'Hidden Key API', version: expect.any(String) });
    expect(new URL(base.body.data.docs).pathname).toBe('/docs');
    expect(new URL(base.body.data.openapi).pathname).toBe('/openapi.json');
  });

  it('reports liveness and readiness', async () => {
    expect((await server.raw('/healthz')).body.data).toEqual({ status: 'ok' });
    const ready = await server.raw('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.data).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI document generated from the schemas, and the docs page', async () => {
    const doc = await server.raw('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/leads', '/v1/leads/{id}']));
    const operations = Object.values(
      doc.body.paths as Record<string, Record<string, { operationId?: string; summary?: string }>>,
    ).flatMap((methods) => Object.values(methods));
    const ids = operations.map((operation) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['createLead', 'listLeads', 'retrieveLead', 'scoreLead', 'moveOpportunity']),
    );
    expect(operations.filter((operation) => !operation.summary)).toEqual([]);
    expect(Object.keys(doc.body.components.schemas)).toEqual(
      expect.arrayContaining([
        'Lead',
        'LeadUpdate',
        'OpportunityCreate',
        'OpportunityMove',
        'ActivityCreate',
        'InvestorCreate',
        'Pipeline',
        'ErrorEnvelope',
        'FlipInput',
      ]),
    );
    const docs = await server.raw('/docs');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('SwaggerUIBundle');
  });

  it('serves the docs page from local files only, so it works with no internet', async () => {
    const page = String((await server.raw('/docs')).body);
    const loaded = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(loaded.filter((url) => !url.startsWith('/'))).toEqual([]);
    for (const url of loaded.filter((url) => url.startsWith('/docs/assets/'))) {
      const asset = await server.raw(url);
      expect(asset.status, url).toBe(200);
    }
    const bundle = await server.raw('/docs/assets/swagger-ui-bundle.js');
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect((await server.raw('/docs/assets/package.json')).status).toBe(404);
    expect((await server.raw('/docs/sdk/..%2f..%2fpackage.json')).status).toBe(404);
  });
});
