import type { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The app's Prometheus metrics, in a registry of its own (no global state between apps). */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  streamsOpen: Gauge;
  /** Seconds from an event's commit to its delivery on a stream. */
  eventBusLag: Histogram;
}

export interface MetricSources {
  /** PostgreSQL's pool, for connections in use and requests waiting for one. */
  pool?: Pool;
}

export function createMetrics(sources: MetricSources = {}): Metrics {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'] as const;
  const { pool } = sources;
  new Gauge({
    name: 'db_pool_connections_in_use',
    help: 'PostgreSQL connections checked out of the pool',
    registers: [registry],
    collect() {
      this.set(pool ? pool.totalCount - pool.idleCount : 0);
    },
  });
  new Gauge({
    name: 'db_pool_requests_waiting',
    help: 'Queries waiting for a free PostgreSQL connection',
    registers: [registry],
    collect() {
      this.set(pool ? pool.waitingCount : 0);
    },
  });
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request (to the first byte for streams)',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    streamsOpen: new Gauge({
      name: 'event_streams_open',
      help: 'GET /v1/events streams open on this instance',
      registers: [registry],
    }),
    eventBusLag: new Histogram({
      name: 'event_bus_lag_seconds',
      help: 'Time from an event’s commit to its delivery on an event stream',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}
