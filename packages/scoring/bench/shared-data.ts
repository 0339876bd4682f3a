import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CsvTable, parseCsv } from '../src/data/csv.js';

/**
 * The real public tables live outside the repository, in `shared/data` beside the project root
 * (see its README), so a newcomer's clone has none: the bench skips then, and the tests use the
 * extract in `test/fixtures`. HK_SHARED_DATA overrides the folder; otherwise we walk up from here.
 */
export function findSharedDataDir(): string | undefined {
  const override = process.env.HK_SHARED_DATA;
  if (override) return existsSync(join(override, 'wa_churn.csv')) ? resolve(override) : undefined;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [join(dir, 'shared', 'data'), join(dir, '..', 'shared', 'data')]) {
      if (existsSync(join(candidate, 'wa_churn.csv'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export const SHARED_DATA_MISSING =
  'shared/data (the modeldata tables) not found beside the project: set HK_SHARED_DATA to the folder holding wa_churn.csv';

export function readSharedTable(file: string): CsvTable {
  const dir = findSharedDataDir();
  if (!dir) throw new Error(SHARED_DATA_MISSING);
  return parseCsv(readFileSync(join(dir, file), 'utf8'));
}
