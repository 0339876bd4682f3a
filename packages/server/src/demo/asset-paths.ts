import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmbedSource } from '../embeds/embed-assets.js';

/** What `serve` and `demo` serve beside the API: the element bundles and the example pages. */
export interface AssetPaths {
  /**
   * The built embeds (`hk-lead-form.js`, `hk-elements.js`) and the version in
   * `/embed/<version>/<file>` (that of the `@hidden-key/elements` they came from); null when none.
   */
  embeds: EmbedSource | null;
  /** The `examples` folder (partner site, agency portal), or null when none is found. */
  examplesDir: string | null;
}

const EMBED_MARKER = 'hk-lead-form.js';

/** The nearest folder up from `start` for which `test` holds. */
function findUp(start: string, test: (dir: string) => boolean): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    if (test(dir)) return dir;
    if (dirname(dir) === dir) return null;
  }
}

const readVersion = (packageJson: string) => {
  try {
    return String(JSON.parse(readFileSync(packageJson, 'utf8')).version ?? '0.0.0');
  } catch {
    return '0.0.0';
  }
};

/**
 * `@hidden-key/elements` installed beside the server (`npm i @hidden-key/elements`), if any: looked
 * for in the `node_modules` folders above the server, as Node resolves packages, but not through
 * `NODE_PATH`, which pnpm sets for scripts and which would find some unrelated workspace's copy.
 */
function installedElements(moduleDir: string): string | null {
  const installed = join('node_modules', '@hidden-key', 'elements');
  const base = findUp(moduleDir, (dir) => existsSync(join(dir, installed, 'dist', 'embed', EMBED_MARKER)));
  return base ? join(base, installed) : null;
}

/**
 * Finds the embeds and examples from where this module runs, in order:
 * 1. a Hidden Key checkout (`packages/elements/dist/embed`, `examples/`), for `pnpm start`;
 * 2. the copies an installed `@hidden-key/server` ships in `dist/` (written by `prepack`);
 * 3. an installed `@hidden-key/elements`, for its embeds.
 */
export function findAssetPaths(moduleDir = dirname(fileURLToPath(import.meta.url))): AssetPaths {
  const repoRoot = findUp(moduleDir, (dir) =>
    existsSync(join(dir, 'packages', 'elements', 'dist', 'embed', EMBED_MARKER)),
  );
  if (repoRoot) {
    return {
      embeds: {
        dir: join(repoRoot, 'packages', 'elements', 'dist', 'embed'),
        version: readVersion(join(repoRoot, 'packages', 'elements', 'package.json')),
      },
      examplesDir: join(repoRoot, 'examples'),
    };
  }
  const serverRoot = findUp(moduleDir, (dir) => existsSync(join(dir, 'dist', 'embed', EMBED_MARKER)));
  if (serverRoot) {
    const dist = join(serverRoot, 'dist');
    return {
      embeds: {
        dir: join(dist, 'embed'),
        version: readFileSync(join(dist, 'embed', 'VERSION'), 'utf8').trim(),
      },
      examplesDir: existsSync(join(dist, 'examples')) ? join(dist, 'examples') : null,
    };
  }
  const elementsRoot = installedElements(moduleDir);
  const examplesRoot = findUp(moduleDir, (dir) => existsSync(join(dir, 'examples', 'partner-site')));
  return {
    embeds: elementsRoot
      ? { dir: join(elementsRoot, 'dist', 'embed'), version: readVersion(join(elementsRoot, 'package.json')) }
      : null,
    examplesDir: examplesRoot ? join(examplesRoot, 'examples') : null,
  };
}
