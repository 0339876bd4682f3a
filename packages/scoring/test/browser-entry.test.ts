import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Every source file the public entry reaches through relative imports. */
function reachableFrom(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text);
    for (const [, specifier] of text.matchAll(/from '(\.[^']+)'/g)) {
      visit(resolve(dirname(file), specifier!.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return seen;
}

describe('the package entry', () => {
  it('stays browser-safe: no Node built-ins, no CSV file reading, onnxruntime only lazily', () => {
    const files = reachableFrom(join(src, 'index.ts'));
    expect(files.size).toBeGreaterThan(10);
    for (const [file, text] of files) {
      expect(text, file).not.toMatch(/from 'node:|from 'csv-parse/);
      expect(text, file).not.toMatch(/^import (?!type )[^;]*from '(onnxruntime-web|#onnxruntime)[^']*';/m);
    }
    expect([...files.keys()].some((file) => file.endsWith('cli.ts'))).toBe(false);
  });
});
