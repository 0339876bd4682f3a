import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { routePattern } from '../middleware/observe-request.js';

export interface Tracing {
  /** A span per request: `GET /v1/leads/:id`, with method, route, status and the request id. */
  requestTracing: MiddlewareHandler<AppEnv>;
  /** Sends the spans still buffered and stops the exporter. */
  shutdown(): Promise<void>;
}

/**
 * Whether the standard OpenTelemetry variables ask for traces: an OTLP endpoint
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) or an explicit
 * `OTEL_TRACES_EXPORTER` other than `none`, and not `OTEL_SDK_DISABLED=true`.
 */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (exporter) return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Starts the OpenTelemetry Node SDK when `tracingRequested`, else returns null having loaded
 * nothing: the SDK is imported here, only then, so a server without OTEL_* pays no start-up time,
 * memory or per-request cost. The SDK reads the rest of its settings (protocol, headers, sampler,
 * `OTEL_SERVICE_NAME`, resource attributes) from the same standard variables.
 */
export async function startTracing(env: NodeJS.ProcessEnv): Promise<Tracing | null> {
  if (!tracingRequested(env)) return null;
  const [{ NodeSDK }, api] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/api'),
  ]);
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'hidden-key-server',
    // Spans are made by the middleware below; automatic patching of modules is not wanted.
    instrumentations: [],
    // No OTLP metrics or logs: /metrics (Prometheus) and the JSON log lines carry those.
    metricReader: undefined,
    logRecordProcessors: [],
  });
  sdk.start();
  const tracer = api.trace.getTracer('@hidden-key/server');

  const requestTracing: MiddlewareHandler<AppEnv> = async (c, next) => {
    // Joins the caller's trace when it sends `traceparent`.
    const parent = api.propagation.extract(api.context.active(), c.req.raw.headers, {
      get: (headers, key) => headers.get(key) ?? undefined,
      keys: (headers) => [...headers.keys()],
    });
    const span = tracer.startSpan(
      c.req.method,
      {
        kind: api.SpanKind.SERVER,
        attributes: { 'http.request.method': c.req.method, 'url.path': c.req.path },
      },
      parent,
    );
    try {
      await api.context.with(api.trace.setSpan(parent, span), next);
    } finally {
      const route = routePattern(c);
      const status = c.res.status;
      span.updateName(`${c.req.method} ${route}`);
      span.setAttributes({
        'http.route': route,
        'http.response.status_code': status,
        'hk.request_id': c.var.requestId,
      });
      if (status >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR });
      span.end();
    }
  };

  return { requestTracing, shutdown: () => sdk.shutdown() };
}
