import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import type { Logger } from '../observability/logger.js';

/**
 * Whether the database answers, learnt from failures rather than polled: a connection error that a
 * `select 1` confirms marks it down (one log line per outage), then a probe runs until it answers
 * again (a second line with the outage's length). Meanwhile requests get 503 at once instead of
 * each waiting for a connection that will not come.
 */
export interface DatabaseHealth {
  readonly down: boolean;
  /**
   * A failure that looks like the database's (a refused or broken connection). It marks the
   * database down only if a `select 1` fails too: a refused connection to another service (an SMS
   * provider, a webhook receiver) looks the same, and must not answer 503 for everyone. Resolves
   * to whether the database is down.
   */
  reportFailure(error: unknown): Promise<boolean>;
  /** `select 1` now (for /readyz); a failure marks the database down. */
  check(): Promise<boolean>;
  /** Runs `retry` once the probe finds the database back (now if it is not down); `close()` drops it. */
  whenBack(retry: () => void): void;
  close(): void;
}

const PROBE_MS = 500;

export function createDatabaseHealth(
  db: Database,
  logger: Logger,
  probeMs = PROBE_MS,
  /** What the process does meanwhile, for the outage's log line. */
  whileDown = 'answering 503 until it is back',
): DatabaseHealth {
  let downSince: number | null = null;
  /** The `select 1` that confirms a reported failure; reports while it runs share it. */
  let confirming: Promise<boolean> | null = null;
  let probe: NodeJS.Timeout | null = null;
  let probing = false;
  let waiting: (() => void)[] = [];

  const recovered = () => {
    if (downSince === null) return;
    logger.warn({ outage_ms: Date.now() - downSince }, 'database reachable again');
    downSince = null;
    if (probe) clearInterval(probe);
    probe = null;
    const retries = waiting;
    waiting = [];
    for (const retry of retries) retry();
  };

  const ping = async () => {
    try {
      await db.execute(sql`select 1`);
      return true;
    } catch {
      return false;
    }
  };

  const markDown = (error: unknown) => {
    if (downSince !== null) return;
    downSince = Date.now();
    logger.error({ err: { message: (error as Error)?.message } }, `database unreachable; ${whileDown}`);
    probe = setInterval(async () => {
      if (probing) return;
      probing = true;
      if (await ping()) recovered();
      probing = false;
    }, probeMs);
    probe.unref();
  };

  const health: DatabaseHealth = {
    get down() {
      return downSince !== null;
    },
    async reportFailure(error) {
      if (downSince !== null) return true;
      confirming ??= ping().finally(() => {
        confirming = null;
      });
      if (await confirming) return false;
      markDown(error);
      return true;
    },
    async check() {
      const ok = await ping();
      if (ok) recovered();
      else markDown(new Error('readiness check failed'));
      return ok;
    },
    whenBack(retry) {
      if (downSince === null) retry();
      else waiting.push(retry);
    },
    close() {
      if (probe) clearInterval(probe);
      probe = null;
      waiting = [];
    },
  };
  return health;
}
