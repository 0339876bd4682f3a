import { measureEmbeds, sizeBudgets } from './embed.mjs';

const sizes = await measureEmbeds();
let over = false;
for (const [name, { goal, ceiling }] of Object.entries(sizeBudgets)) {
  const size = sizes.find((entry) => entry.name === name);
  if (!size) throw new Error(`${name} was not built`);
  const verdict =
    size.gzipped > ceiling
      ? 'OVER its ceiling'
      : size.gzipped > goal
        ? 'within its ceiling, above its goal'
        : 'within its goal';
  console.log(`${name}: ${size.gzipped} bytes min+gz, ${verdict} (ceiling ${ceiling}, goal ${goal}).`);
  if (size.gzipped > ceiling) over = true;
}
if (over) process.exit(1);
