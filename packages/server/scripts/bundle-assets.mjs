// `prepack`: copies the built embeds and the example pages into dist/, so an installed
// @hidden-key/server serves `/embed/` and runs `hk-server demo` without a checkout beside it.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = join(serverRoot, '..', '..');
const embedSource = join(repoRoot, 'packages', 'elements', 'dist', 'embed');
if (!existsSync(join(embedSource, 'hk-lead-form.js'))) {
  console.error('bundle-assets: build @hidden-key/elements first (pnpm build)');
  process.exit(1);
}
const dist = join(serverRoot, 'dist');
for (const folder of ['embed', 'examples']) rmSync(join(dist, folder), { recursive: true, force: true });
cpSync(embedSource, join(dist, 'embed'), { recursive: true });
const { version } = JSON.parse(readFileSync(join(repoRoot, 'packages', 'elements', 'package.json'), 'utf8'));
writeFileSync(join(dist, 'embed', 'VERSION'), `${version}\n`);
cpSync(join(repoRoot, 'examples'), join(dist, 'examples'), {
  recursive: true,
  filter: (source) => !/[\\/](node_modules|dist)([\\/]|$)/.test(source.slice(repoRoot.length)),
});
// The SDK's typedoc site, linked from /docs, when it has been built (`pnpm --filter @hidden-key/sdk docs`).
const sdkDocs = join(repoRoot, 'packages', 'sdk', 'docs', 'api');
rmSync(join(dist, 'docs'), { recursive: true, force: true });
if (existsSync(join(sdkDocs, 'index.html'))) cpSync(sdkDocs, join(dist, 'docs', 'sdk'), { recursive: true });
console.log(
  `bundle-assets: embeds v${version}, examples${existsSync(join(dist, 'docs')) ? ', SDK docs' : ''} copied into dist/`,
);
