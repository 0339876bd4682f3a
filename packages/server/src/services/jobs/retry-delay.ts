import type { JobDefinition } from './job-definition.js';

const BASE_MS = 1_000;
const CAP_MS = 3_600_000;

/**
 * The wait before the next try after `attempt` failed tries, with up to ±20 % jitter so that jobs
 * that failed together (a receiver that was down) do not all come back in the same instant.
 */
export function retryDelayMs(
  definition: Pick<JobDefinition, 'retryDelaysMs'>,
  attempt: number,
  random: () => number = Math.random,
): number {
  const schedule = definition.retryDelaysMs;
  const base =
    typeof schedule === 'function'
      ? schedule(attempt)
      : schedule && schedule.length > 0
        ? schedule[Math.min(attempt, schedule.length) - 1]!
        : Math.min(CAP_MS, BASE_MS * 2 ** (attempt - 1));
  return Math.max(0, Math.round(base * (0.8 + 0.4 * random())));
}
