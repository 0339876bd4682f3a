/**
 * Sums a V8 .cpuprofile's self time by function and by package or source file, so a profile can be
 * read in a terminal: node bench/support/profile-summary.mjs <file.cpuprofile> [rows]
 */
import { readFileSync } from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.mjs <file.cpuprofile> [rows]');
const rows = Number(rowsArg) || 30;
const profile = JSON.parse(readFileSync(file, 'utf8'));

const selfMicros = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);

/** node_modules/.pnpm/<pkg>@<version>/node_modules/<pkg>/… → <pkg>; src files by their path. */
function origin(url) {
  if (!url) return '(native or V8)';
  const modules = url.split('node_modules/');
  if (modules.length > 1) {
    const last = modules[modules.length - 1];
    const parts = last.split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const src = url.indexOf('/packages/');
  return src >= 0 ? url.slice(src + 1) : url.replace(/^file:\/\//, '');
}

const byFunction = new Map();
const byOrigin = new Map();
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  if (!micros) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = origin(url);
  const fn = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
  byOrigin.set(where, (byOrigin.get(where) ?? 0) + micros);
}

const print = (title, map) => {
  console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(
      `${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${name}`,
    );
  }
};
print('self time by package or file', byOrigin);
print('self time by function', byFunction);

/** With a third argument, who calls the functions of that name (three frames up), by self time. */
const callersOf = process.argv[4];
if (callersOf) {
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const stacks = new Map();
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id);
    if (node.callFrame.functionName !== callersOf) continue;
    const chain = [];
    for (let up = parent.get(id); up && chain.length < 6; up = parent.get(up.id)) {
      chain.push(
        `${up.callFrame.functionName || '(anon)'}@${origin(up.callFrame.url)}:${up.callFrame.lineNumber + 1}`,
      );
    }
    const key = chain.join(' < ');
    stacks.set(key, (stacks.get(key) ?? 0) + micros);
  }
  print(`callers of ${callersOf}`, stacks);
}
