import { availableParallelism } from 'node:os';
import { InvalidArgumentError } from 'commander';

/** `--workers` as given: a number of HTTP worker processes, or `auto` (one per core). */
export type WorkerCountOption = number | 'auto';

export function parseWorkerCount(value: string): WorkerCountOption {
  if (value === 'auto') return 'auto';
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256)
    throw new InvalidArgumentError('Expected auto or a whole number from 1 to 256.');
  return Number(value);
}

export interface WorkerCountContext {
  env: Record<string, string | undefined>;
  /** True when the database is PGlite (no DATABASE_URL): one embedded database, one process. */
  pglite: boolean;
  cores?: number;
}

/**
 * How many HTTP worker processes `serve` runs: `--workers`, else `WEB_CONCURRENCY` (the variable
 * Heroku and most Node hosts use), else 1 (one process, as before `--workers` existed). `auto` is
 * one per core. PGlite is one database file held by one process, so more than one is refused;
 * `auto` on PGlite means 1.
 */
export function resolveWorkerCount(
  option: WorkerCountOption | undefined,
  context: WorkerCountContext,
): number {
  const fromEnv = context.env.WEB_CONCURRENCY;
  let given: WorkerCountOption = 1;
  let asked = `--workers ${option}`;
  if (option !== undefined) given = option;
  else if (fromEnv !== undefined && fromEnv !== '') {
    asked = `WEB_CONCURRENCY=${fromEnv}`;
    try {
      given = parseWorkerCount(fromEnv);
    } catch {
      throw new Error(`WEB_CONCURRENCY=${fromEnv} is not auto or a number of workers.`);
    }
  }
  if (given === 'auto') return context.pglite ? 1 : (context.cores ?? availableParallelism());
  if (given > 1 && context.pglite)
    // Not commander's error: the CLI prints this one (it exits silently on commander's own).
    throw new Error(
      `${asked} needs PostgreSQL: PGlite keeps the database inside one process, so only one can serve it. Set DATABASE_URL, or serve with --workers 1.`,
    );
  return given;
}
