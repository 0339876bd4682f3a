import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root: the nearest folder up from this module holding `pnpm-workspace.yaml`. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('hk-server demo runs from a Hidden Key checkout (no pnpm-workspace.yaml found)');
    dir = parent;
  }
  return dir;
}

/** Where the demo finds the partner page and the built embeds, from the source tree or from dist. */
export function demoPaths() {
  const root = repoRoot();
  return {
    examplesDir: join(root, 'examples'),
    partnerSiteDir: join(root, 'examples', 'partner-site'),
    embedDir: join(root, 'packages', 'elements', 'dist', 'embed'),
  };
}
