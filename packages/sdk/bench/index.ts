/**
 * `pnpm bench`: runs every `*.bench.ts` file in this folder, one after another, so each package
 * concern (deal math, SDK size...) adds its figures as a file of its own.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const folder = dirname(fileURLToPath(import.meta.url));
for (const file of readdirSync(folder)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort()) {
  console.log(`\n# ${file}`);
  await import(pathToFileURL(join(folder, file)).href);
}
