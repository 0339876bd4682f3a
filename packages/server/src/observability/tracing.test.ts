import { afterAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/harness.js';
import { startReceiver } from '../../test/webhook-receiver.js';
import { createApp } from '../app.js';
import { startTracing, tracingRequested } from './tracing.js';

const server = useTestServer();
const receiver = await startReceiver();
afterAll(() => receiver.close());

interface OtlpSpan {
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}

const spansOf = (body: string): OtlpSpan[] =>
  (JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans.flatMap(
    (resource) => resource.scopeSpans.flatMap((scope) => scope.spans),
  );

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((entry) => entry.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
};

describe('OpenTelemetry tracing', () => {
  it('is off unless the standard variables ask for it, and then loads nothing', async () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x' })).toBe(
      false,
    );
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x', OTEL_SDK_DISABLED: 'true' })).toBe(
      false,
    );
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://x/v1/traces' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(await startTracing({})).toBeNull();
  });

  it('sends a span per request, named by its route template with its status, to an OTLP/HTTP receiver', async () => {
    // The SDK reads its exporter settings from process.env, as it would in production.
    const settings = {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'hk-tracing-test',
    };
    Object.assign(process.env, settings);
    const tracing = await startTracing(process.env);
    for (const name of Object.keys(settings)) delete process.env[name];
    expect(tracing).not.toBeNull();

    const app = createApp({ ...server.deps, requestTracing: tracing!.requestTracing });
    const org = await server.newOrg();
    const missing = crypto.randomUUID();
    const response = await app.request(`/v1/leads/${missing}`, {
      headers: { authorization: `Bearer ${org.secret_key}` },
    });
    expect(response.status).toBe(404);
    await tracing!.shutdown();

    const traces = receiver.received.filter((request) => request.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    const body = traces.map((request) => request.body).join('\n');
    expect(body).toContain('hk-tracing-test');
    expect(body).not.toContain(org.secret_key);
    const span = traces
      .flatMap((request) => spansOf(request.body))
      .find((s) => s.name === 'GET /v1/leads/:id');
    expect(span).toBeDefined();
    expect(attribute(span!, 'http.route')).toBe('/v1/leads/:id');
    expect(attribute(span!, 'http.response.status_code')).toBe(404);
    expect(attribute(span!, 'url.path')).toBe(`/v1/leads/${missing}`);
  });
});
