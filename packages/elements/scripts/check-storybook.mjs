// Proves the built Storybook documents every component from the Custom Elements Manifest: each
// tag in dist/custom-elements.json has a docs page (autodocs), and that page, opened in Chromium,
// shows an API table with the component's own attributes. Run after `storybook build`.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../../storybook-static/', import.meta.url));
const manifest = JSON.parse(await readFile(new URL('../dist/custom-elements.json', import.meta.url), 'utf8'));
const index = JSON.parse(await readFile(join(root, 'index.json'), 'utf8'));

const components = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.tagName)
  .map((declaration) => ({
    tag: declaration.tagName,
    attributes: (declaration.attributes ?? []).map((attribute) => attribute.name),
  }));

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
};
const server = createServer(async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url, 'http://localhost').pathname));
  const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
  const found = file.startsWith(root) && (await stat(file).catch(() => null))?.isFile();
  if (!found) return response.writeHead(404).end();
  response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const problems = [];
try {
  for (const { tag, attributes } of components) {
    // Story titles end in the tag (`Portal/hk-lead-list`); the docs entry carries the autodocs tag.
    const docs = Object.values(index.entries).find(
      (entry) => entry.type === 'docs' && entry.title.endsWith(`/${tag}`) && entry.tags.includes('autodocs'),
    );
    if (!docs) {
      problems.push(`${tag}: no autodocs page (a story file with component: '${tag}')`);
      continue;
    }
    const page = await browser.newPage();
    // Stories point at api.example.invalid; nothing leaves the machine.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(`${base}/iframe.html?id=${docs.id}&viewMode=docs`);
    const rows = await page
      .locator('.docblock-argstable tbody tr')
      .first()
      .waitFor({ timeout: 30_000 })
      .then(() => page.locator('.docblock-argstable tbody').textContent())
      .then((text) => text ?? '')
      .catch(() => '');
    const missing = attributes.filter((attribute) => !rows.includes(attribute));
    if (!rows) problems.push(`${tag}: its docs page shows no API table`);
    else if (missing.length) problems.push(`${tag}: its API table lacks ${missing.join(', ')}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

if (problems.length) {
  console.error(`Storybook docs incomplete:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Storybook docs: ${components.length} components, each with an API table from the manifest.`);
