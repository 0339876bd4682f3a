import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../observability/logger.js';
import { DRAIN_LISTEN_MAX_MS, DRAIN_QUIET_MS } from '../server-drain.js';
import { brokerClusterMetrics } from './cluster-metrics.js';
import { shareListener } from './connection-handoff.js';

/** Tells a forked `hk-server serve` which HTTP worker it is (1…N); set by the primary only. */
export const WORKER_NUMBER_ENV = 'HK_SERVE_WORKER';
/** Tells it the port the primary accepts its connections on. */
export const WORKER_PORT_ENV = 'HK_SERVE_PORT';

/** A worker that dies is restarted after 100 ms, doubled for each death in a row, at most 30 s. */
export const RESTART_DELAY_FIRST_MS = 100;
export const RESTART_DELAY_MAX_MS = 30_000;
/** A worker that ran this long before it died was healthy: its slot's backoff starts over. */
export const HEALTHY_AFTER_MS = 30_000;
/** How long past the workers' own shutdown timeout the primary waits before it kills them. */
const STOP_GRACE_MS = 5_000;

export const restartDelayMs = (deathsInARow: number) =>
  Math.min(RESTART_DELAY_MAX_MS, RESTART_DELAY_FIRST_MS * 2 ** Math.max(0, deathsInARow - 1));

export interface PrimaryOptions {
  workers: number;
  port: number;
  host: string;
  logger: Logger;
  /** The workers' drain limit (`HK_SHUTDOWN_TIMEOUT_MS`). */
  shutdownTimeoutMs: number;
  /** Called once, when every worker listens for the first time, with the shared port. */
  announce: (port: number) => void;
}

interface Slot {
  number: number;
  worker: Worker | null;
  ready: boolean;
  startedAt: number;
  deathsInARow: number;
  restart?: NodeJS.Timeout;
}

/**
 * The primary of `serve --workers N`: listens, forks N HTTP workers and hands each new connection
 * to the next (connection-handoff.ts), restarts a worker that dies (with backoff, so one that
 * dies at start does not spin), and on SIGTERM or SIGINT lets every worker drain as a lone
 * `serve` does, exiting 0 once all have exited cleanly. A worker that dies before the first
 * time all were ready (a bad setting) stops them all: exit 1, as a lone `serve`. The primary
 * serves no request and holds no database connection. Rejects when the port cannot be had.
 */
export async function runPrimary(options: PrimaryOptions) {
  const { logger } = options;
  const slots: Slot[] = Array.from({ length: options.workers }, (_, index) => ({
    number: index + 1,
    worker: null,
    ready: false,
    startedAt: 0,
    deathsInARow: 0,
  }));
  const slotOf = new Map<number, Slot>();
  let phase: 'starting' | 'running' | 'stopping' = 'starting';
  let exitCode = 0;

  const readyWorkers = () => slots.flatMap((slot) => (slot.ready && slot.worker ? [slot.worker] : []));
  const listener = await shareListener({
    port: options.port,
    host: options.host,
    ready: readyWorkers,
    onReady: (worker) => {
      const slot = slotOf.get(worker.id);
      if (!slot) return;
      slot.ready = true;
      logger.info(
        { worker: slot.number, pid: worker.process.pid },
        phase === 'running' ? 'HTTP worker restarted and serving' : 'HTTP worker serving',
      );
      if (phase === 'starting' && slots.every((each) => each.ready)) {
        phase = 'running';
        logger.info({ workers: slots.length }, `${slots.length} HTTP workers started`);
        options.announce(listener.port);
      }
    },
  });
  brokerClusterMetrics(() => readyWorkers().filter((worker) => worker.isConnected()));

  const fork = (slot: Slot) => {
    const worker = cluster.fork({
      [WORKER_NUMBER_ENV]: String(slot.number),
      [WORKER_PORT_ENV]: String(listener.port),
    });
    slot.worker = worker;
    slot.ready = false;
    slot.startedAt = performance.now();
    slotOf.set(worker.id, slot);
  };

  const exitIfAllGone = () => {
    if (slots.some((slot) => slot.worker)) return;
    logger.info({ exit_code: exitCode }, 'all HTTP workers exited');
    process.exit(exitCode);
  };

  const stop = () => {
    if (phase === 'stopping') return;
    phase = 'stopping';
    const running = slots.filter((slot) => slot.worker);
    logger.info(
      { workers: running.length, timeout_ms: options.shutdownTimeoutMs },
      'shutting down: every HTTP worker drains its in-flight requests',
    );
    for (const slot of slots) {
      clearTimeout(slot.restart);
      // The worker's own SIGTERM handler drains as a lone serve does.
      slot.worker?.process.kill('SIGTERM');
    }
    // The workers take connections until the listener has closed at a quiet moment.
    void listener.close({
      quietMs: DRAIN_QUIET_MS,
      maxMs: Math.min(DRAIN_LISTEN_MAX_MS, options.shutdownTimeoutMs / 2),
    });
    setTimeout(() => {
      logger.error('HTTP workers still running after the shutdown timeout: killing them');
      for (const slot of slots) slot.worker?.process.kill('SIGKILL');
      process.exit(1);
    }, options.shutdownTimeoutMs + STOP_GRACE_MS).unref();
    exitIfAllGone();
  };

  cluster.on('exit', (worker, code, signal) => {
    const slot = slotOf.get(worker.id);
    if (!slot) return;
    slotOf.delete(worker.id);
    slot.worker = null;
    slot.ready = false;
    const died = { worker: slot.number, pid: worker.process.pid, code, signal };
    if (phase === 'stopping') {
      // SIGTERM ends a worker that had not yet set up its drain (it was still starting).
      if (code !== 0 && signal !== 'SIGTERM') {
        exitCode = 1;
        logger.error(died, 'HTTP worker failed while draining');
      }
      exitIfAllGone();
      return;
    }
    if (phase === 'starting') {
      logger.error(died, 'HTTP worker exited before it was ready: stopping');
      exitCode = 1;
      stop();
      return;
    }
    const ranMs = performance.now() - slot.startedAt;
    slot.deathsInARow = ranMs >= HEALTHY_AFTER_MS ? 1 : slot.deathsInARow + 1;
    const delay = restartDelayMs(slot.deathsInARow);
    logger.error(
      { ...died, ran_ms: Math.round(ranMs), deaths_in_a_row: slot.deathsInARow, restart_in_ms: delay },
      'HTTP worker died: restarting it',
    );
    slot.restart = setTimeout(() => {
      slot.restart = undefined;
      fork(slot);
    }, delay);
  });

  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (const slot of slots) fork(slot);
}
