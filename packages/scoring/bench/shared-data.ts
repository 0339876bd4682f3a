import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CsvTable, parseCsv } from '../src/data/csv.js';

/**
 * The real public tables live outside the repository, in `shared/data` beside the project root
 * (see its README). HK_SHARED_DATA overrides the folder; otherwise we walk up from this package.
 */
export function sharedDataDir(): string {
  const override = process.env.HK_SHARED_DATA;
  if (override) return resolve(override);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [join(dir, 'shared', 'data'), join(dir, '..', 'shared', 'data')]) {
      if (existsSync(join(candidate, 'wa_churn.csv'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('shared/data not found: set HK_SHARED_DATA to the folder holding wa_churn.csv');
    dir = parent;
  }
}

export function readSharedTable(file: string): CsvTable {
  return parseCsv(readFileSync(join(sharedDataDir(), file), 'utf8'));
}
