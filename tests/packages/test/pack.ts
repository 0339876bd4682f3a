import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { PACKAGES, type PackageFolder, repoRoot } from './packages.js';

const run = promisify(execFile);

/**
 * Packs the four packages with pnpm, as `changeset publish` does: `workspace:` ranges become real
 * ones and publishConfig replaces the exports. The build already ran (turbo's ^build), so the
 * prepack build is skipped (running it here would rewrite dist under suites reading it meanwhile);
 * its other steps run.
 */
export default async function pack(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'hk-packed-'));
  const tarballs = {} as Record<PackageFolder, string>;
  for (const name of PACKAGES) {
    const cwd = join(repoRoot, 'packages', name);
    // What prepack adds beyond the build (the server copies the embeds and examples into dist).
    await run('pnpm', ['run', '--if-present', 'pack:assets'], { cwd });
    const { stdout } = await run('pnpm', ['pack', '--json', '--pack-destination', dir], {
      cwd,
      env: { ...process.env, pnpm_config_ignore_scripts: 'true', npm_config_ignore_scripts: 'true' },
    });
    tarballs[name] = (JSON.parse(stdout) as { filename: string }).filename;
  }
  project.provide('packed', { dir, tarballs });
  return () => rm(dir, { recursive: true, force: true });
}
