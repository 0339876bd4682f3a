import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error: a plain ES module script without type declarations
import { buildEmbeds } from '../../scripts/embed.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    embedDir: string;
  }
}

/**
 * Builds the embeds from the current source once for the whole end-to-end run, into a folder every
 * server process serves from: building them per process (four of them, each minifying twice) took
 * longer than a hook may on a loaded CI machine.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'hk-e2e-embeds-'));
  const files: Map<string, string> = await buildEmbeds();
  await Promise.all([...files].map(([name, source]) => writeFile(join(dir, name), source)));
  project.provide('embedDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
