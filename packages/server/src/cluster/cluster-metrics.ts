import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, Registry } from 'prom-client';
import type { Metrics } from '../observability/metrics.js';

/**
 * `/metrics` under `serve --workers N`: whichever worker the scrape reaches asks the primary, which
 * collects every ready worker's registry and sums them with prom-client's
 * `AggregatorRegistry.aggregate` (gauges that read the database, like `jobs_waiting`, say
 * `aggregator: 'first'`). prom-client's own `clusterMetrics()` is not used because it also asks
 * workers that are still starting, and times the whole scrape out waiting for them.
 */
const ASK = 'hk:metrics:ask'; // worker → primary: the whole cluster's text, please
const COLLECT = 'hk:metrics:collect'; // primary → every ready worker: your registry
const LOCAL = 'hk:metrics:local'; // worker → primary: my registry, as JSON
const ANSWER = 'hk:metrics:answer'; // primary → the asking worker: the summed text

/** A worker that has not answered by then is left out of that scrape. */
const COLLECT_TIMEOUT_MS = 2_000;
const ASK_TIMEOUT_MS = 5_000;

type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;
interface Message {
  type?: string;
  id?: number;
  metrics?: MetricsJson;
  text?: string;
  error?: string;
}

/** In a worker: answers the primary's collections, and serves the cluster's sum at `/metrics`. */
export function clusterMetricsView(metrics: Metrics): Metrics {
  const local = metrics.registry;
  const waiting = new Map<number, (message: Message) => void>();
  let nextId = 0;
  process.on('message', (message: Message) => {
    if (message?.type === COLLECT) {
      void local
        .getMetricsAsJSON()
        .then((json) => process.send?.({ type: LOCAL, id: message.id, metrics: json }));
    } else if (message?.type === ANSWER && message.id !== undefined) {
      waiting.get(message.id)?.(message);
    }
  });
  class ClusterRegistry extends Registry {
    override metrics(): Promise<string> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error('the primary process did not answer for the metrics'));
        }, ASK_TIMEOUT_MS);
        waiting.set(id, (message) => {
          clearTimeout(timer);
          waiting.delete(id);
          if (message.error !== undefined) reject(new Error(message.error));
          else resolve(message.text ?? '');
        });
        process.send?.({ type: ASK, id });
      });
    }
  }
  return { ...metrics, registry: new ClusterRegistry() };
}

/**
 * In the primary: answers the workers' `/metrics` with the sum over `ready()` workers. What a
 * worker had counted when it was last collected is kept after it exits, so the summed counters and
 * histograms never go down when a worker is restarted (Prometheus would read that as a reset);
 * what it counted after that last collection is lost with it.
 */
export function brokerClusterMetrics(ready: () => Worker[]) {
  const lastSeen = new Map<number, MetricsJson>();
  let retired: MetricsJson = [];
  const collections = new Map<number, { answered: MetricsJson[]; left: Set<number>; finish: () => void }>();
  let nextId = 0;

  const collect = () =>
    new Promise<string>((resolve, reject) => {
      const id = nextId++;
      const workers = ready();
      const answered: MetricsJson[] = [];
      const finish = () => {
        clearTimeout(timer);
        collections.delete(id);
        AggregatorRegistry.aggregate([retired, ...answered])
          .metrics()
          .then(resolve, reject);
      };
      const timer = setTimeout(finish, COLLECT_TIMEOUT_MS);
      collections.set(id, { answered, left: new Set(workers.map((worker) => worker.id)), finish });
      for (const worker of workers) worker.send({ type: COLLECT, id });
      if (workers.length === 0) finish();
    });

  cluster.on('message', (worker, message: Message) => {
    if (message?.type === ASK) {
      collect().then(
        (text) => worker.send({ type: ANSWER, id: message.id, text }),
        (error: Error) => worker.send({ type: ANSWER, id: message.id, error: error.message }),
      );
    } else if (message?.type === LOCAL && message.id !== undefined && message.metrics) {
      lastSeen.set(worker.id, message.metrics);
      const collection = collections.get(message.id);
      if (!collection?.left.delete(worker.id)) return;
      collection.answered.push(message.metrics);
      if (collection.left.size === 0) collection.finish();
    }
  });
  cluster.on('exit', (worker) => {
    const last = lastSeen.get(worker.id);
    lastSeen.delete(worker.id);
    if (!last) return;
    // Gauges are the present, which left with the worker; counts stay.
    // (prom-client's typings call `type` an enum; at run time it is the name.)
    const counts = last.filter((metric) => String(metric.type) !== 'gauge');
    void AggregatorRegistry.aggregate([retired, counts])
      .getMetricsAsJSON()
      .then((json) => {
        retired = json as MetricsJson;
      });
  });
}
