import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/open.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot?: string;
  }
}

/**
 * Migrates one in-memory PGlite and writes its data folder to a file. A new PGlite runs initdb,
 * which with the migrations cost most of a PGlite test file's time; each file loads this copy
 * instead (test/harness.ts), so every file still starts from its own freshly migrated database.
 */
export default async function setup(project: TestProject) {
  const handle = await openDatabase({});
  let dump: Blob;
  try {
    await handle.migrate();
    if (handle.client.kind !== 'pglite') throw new Error('expected PGlite');
    dump = await handle.client.pglite.dumpDataDir('none');
  } finally {
    await handle.close();
  }
  const dir = mkdtempSync(join(tmpdir(), 'hk-pglite-snapshot-'));
  const file = join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
