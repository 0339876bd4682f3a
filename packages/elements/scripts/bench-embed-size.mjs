import { measureEmbeds, sizeBudgets } from './embed.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const sizes = await measureEmbeds();

console.log('Embed sizes (esbuild, then terser; gzip -9), measured in this run.');
console.log(
  "'min+gz' is the embed file alone: what a page loads before the element is usable, which the goal and ceiling apply to.",
);
console.log(
  "'lazy modules' are fetched once the element is in use (the form's checks, error summary and sending code when a visitor starts filling it in; the calculator's schedule, chart and grid after its first render).",
);
console.table(
  sizes.map(({ name, minified, gzipped, lazyGzipped, languagesGzipped, embedsGzipped }) => ({
    embed: `${name}`,
    minified: kb(minified),
    'min+gz': kb(gzipped),
    'lazy modules (min+gz)': lazyGzipped ? kb(lazyGzipped) : '',
    'with lazy (min+gz)': lazyGzipped ? kb(gzipped + lazyGzipped) : '',
    'Spanish, on demand (min+gz)': languagesGzipped ? kb(languagesGzipped) : '',
    'embeds loaded later (min+gz)': embedsGzipped ? kb(embedsGzipped) : '',
    goal: sizeBudgets[name]?.goal ? kb(sizeBudgets[name].goal) : '',
    'enforced ceiling': sizeBudgets[name] ? kb(sizeBudgets[name].ceiling) : '',
  })),
);
