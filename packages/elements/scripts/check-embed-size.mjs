import { measureEmbeds, sizeBudgets } from './embed.mjs';

const sizes = await measureEmbeds();
let over = false;
for (const [name, { goal, ceiling }] of Object.entries(sizeBudgets)) {
  const size = sizes.find((entry) => entry.name === name);
  if (!size) throw new Error(`${name} was not built`);
  const aboveGoal = goal !== undefined && size.gzipped > goal;
  const verdict =
    size.gzipped > ceiling
      ? 'OVER its ceiling'
      : aboveGoal
        ? 'within its ceiling, above its goal'
        : 'within its ceiling';
  const limits = goal === undefined ? `ceiling ${ceiling}` : `ceiling ${ceiling}, goal ${goal}`;
  console.log(`${name}: ${size.gzipped} bytes min+gz, ${verdict} (${limits}).`);
  if (size.gzipped > ceiling) over = true;
}
if (over) process.exit(1);
