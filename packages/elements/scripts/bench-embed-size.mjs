import { measureEmbeds, sizeBudgets } from './embed.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const sizes = await measureEmbeds();

console.log('Embed sizes (esbuild, then terser; gzip -9), measured in this run:');
console.table(
  sizes.map(({ name, minified, gzipped, languagesGzipped, embedsGzipped }) => ({
    embed: `${name}`,
    minified: kb(minified),
    'min+gz': kb(gzipped),
    'Spanish, on demand (min+gz)': languagesGzipped ? kb(languagesGzipped) : '',
    'embeds loaded later (min+gz)': embedsGzipped ? kb(embedsGzipped) : '',
    goal: sizeBudgets[name]?.goal ? kb(sizeBudgets[name].goal) : '',
    'enforced ceiling': sizeBudgets[name] ? kb(sizeBudgets[name].ceiling) : '',
  })),
);
