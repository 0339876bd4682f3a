// Where an embed's bytes come from: `node scripts/embed-breakdown.mjs hk-lead-form`. For each
// source file (Lit counted as one), its minified bytes and what it costs min+gz: the embed's
// gzip size minus that of the embed without its bytes, so text that repeats elsewhere counts
// little. It reads esbuild's output and source map, before terser's second pass (which reorders
// code but changes the split by a few percent at most).
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { embedEntries, options } from './embed.mjs';

const name = process.argv[2];
if (!embedEntries[name]) {
  console.error(`Usage: node scripts/embed-breakdown.mjs <${Object.keys(embedEntries).join('|')}>`);
  process.exit(1);
}

const result = await build({
  ...options({ [name]: embedEntries[name] }),
  outdir: 'out',
  write: false,
  sourcemap: 'external',
});
const code = result.outputFiles.find((file) => file.path.endsWith('.js')).text;
const map = JSON.parse(result.outputFiles.find((file) => file.path.endsWith('.map')).text);

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The source map's segments as [generated line, column, source index], in output order. */
function segments(mappings) {
  const found = [];
  let source = 0;
  mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',').filter(Boolean)) {
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      found.push([lineIndex, column, fields.length > 1 ? source : -1]);
    }
  });
  return found;
}

const group = (source) =>
  source === undefined
    ? '(esbuild helpers)'
    : /node_modules\/.*lit/.test(source)
      ? 'lit'
      : source.replace(/^(\.\.\/)+/, '');
const lineStarts = [0];
for (const line of code.split('\n')) lineStarts.push(lineStarts.at(-1) + line.length + 1);
const owner = new Array(code.length).fill('(esbuild helpers)');
const marks = segments(map.mappings).map(([line, column, source]) => [
  lineStarts[line] + column,
  group(map.sources[source]),
]);
marks.forEach(([start, owned], i) => {
  const end = i + 1 < marks.length ? marks[i + 1][0] : code.length;
  for (let at = start; at < end; at++) owner[at] = owned;
});

const gzipped = (text) => gzipSync(text, { level: 9 }).byteLength;
const total = gzipped(code);
const groups = [...new Set(owner)];
const rows = groups.map((owned) => {
  let without = '';
  let bytes = 0;
  for (let at = 0; at < code.length; at++) {
    if (owner[at] === owned) bytes++;
    else without += code[at];
  }
  return { source: owned, minified: bytes, 'min+gz cost': total - gzipped(without) };
});
rows.sort((a, b) => b['min+gz cost'] - a['min+gz cost']);
console.log(`${basename(name)}: ${code.length} bytes minified, ${total} min+gz (esbuild alone)`);
console.table(rows);
