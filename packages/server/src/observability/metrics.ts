import type { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.js';
import { asSystem } from '../db/tenant.js';
import { countJobs } from '../services/jobs/job-store.js';

/** The app's Prometheus metrics, in a registry of its own (no global state between apps). */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  streamsOpen: Gauge;
  /** Seconds from an event's commit to its hand-over to this instance's streams of its organisation. */
  eventBusLag: Histogram;
  /** Tokens the AI agents spent, by the answer's source (`openai`, or `template` after a failed try). */
  aiTokens: Counter<'source' | 'model' | 'kind'>;
}

export interface MetricSources {
  /** PostgreSQL's pool, for connections in use and requests waiting for one. */
  pool?: Pool;
  /** The jobs table, for the queue's depth per job name and state. */
  db?: Database;
}

export function createMetrics(sources: MetricSources = {}): Metrics {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'] as const;
  const { pool, db } = sources;
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
  new Gauge({
    name: 'jobs_waiting',
    help: 'Jobs queued or running, by job name and state',
    labelNames: ['name', 'state'] as const,
    registers: [registry],
    // Every process reads the same table: summed over `serve --workers N` it would count N times.
    aggregator: 'first',
    async collect() {
      if (!db) return;
      // While the database is down the last depths stay: /metrics still answers.
      // Every organisation's queue: counted as the system role.
      const counts = await asSystem(db, (tx) => countJobs(tx)).catch(() => null);
      if (!counts) return;
      this.reset();
      for (const { name, state, count } of counts) this.set({ name, state }, count);
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
      help: 'Time from an event’s commit to its hand-over to the event streams of its organisation on this instance',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    aiTokens: new Counter({
      name: 'ai_tokens_total',
      help: 'Tokens spent on the AI model, by answer source, model and kind (prompt or completion)',
      labelNames: ['source', 'model', 'kind'],
      registers: [registry],
    }),
  };
}
