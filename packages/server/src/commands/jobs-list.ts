import { JobState } from '@hidden-key/sdk/schemas';
import { InvalidArgumentError } from 'commander';
import { scopedDatabase } from '../db/scoped-database.js';
import { jobToWire, listJobs } from '../services/jobs/job-store.js';
import { type DatabaseOptions, openMigrated } from './options.js';

export interface JobsListOptions extends DatabaseOptions {
  failed?: boolean;
  state?: JobState;
  name?: string;
  limit?: number;
}

export function parseJobState(value: string): JobState {
  const parsed = JobState.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`Expected one of ${JobState.options.join(', ')}.`);
  return parsed.data;
}

export function parseLimit(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000)
    throw new InvalidArgumentError('Expected a whole number from 1 to 10000.');
  return Number(value);
}

/** `hk-server jobs list [--failed]`: the latest jobs as JSON (`--failed`: the dead-lettered ones). */
export async function jobsListCommand(options: JobsListOptions) {
  const handle = await openMigrated(options);
  try {
    const state = options.failed ? 'dead' : options.state;
    // Every organisation's jobs: an operator's view, as the system role.
    const rows = await listJobs(scopedDatabase(handle.db, null), {
      ...(state ? { state } : {}),
      ...(options.name ? { name: options.name } : {}),
      limit: options.limit ?? 100,
    });
    console.log(JSON.stringify(rows.map(jobToWire), null, 2));
  } finally {
    await handle.close();
  }
}
