import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, inject, it } from 'vitest';
import { PACKAGES } from './packages.js';
import { listTarball, readPackedManifest } from './tarball.js';

const run = promisify(execFile);
const attw = join(
  dirname(createRequire(import.meta.url).resolve('@arethetypeswrong/cli/package.json')),
  'dist/index.js',
);
const { tarballs } = inject('packed');

describe.each(PACKAGES)('the packed @hidden-key/%s', (name) => {
  it('passes publint --strict', async () => {
    const tarball = await readFile(tarballs[name]);
    const { messages, pkg } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      strict: true,
    });
    expect(messages.map((message) => formatMessage(message, pkg))).toEqual([]);
  });

  it('passes arethetypeswrong for an ESM-only package (node16 from ESM, bundler)', async () => {
    // esm-only: a require() of these packages works through Node's require(esm), which attw
    // does not model; the consumer test checks it for real.
    const result = await run(
      process.execPath,
      [attw, '--profile', 'esm-only', '--format', 'ascii', tarballs[name]],
      {
        env: { ...process.env, NO_COLOR: '1' },
      },
    ).catch((error: { stdout: string; code: number }) => error);
    expect('code' in result ? result.code : 0, result.stdout).toBe(0);
    const checked = result.stdout.split('\n').filter((line) => /^(node16 \(from ESM\)|bundler):/.test(line));
    expect(checked.length).toBeGreaterThan(0);
    expect(
      checked.filter((line) => !/🟢|\(wildcard\)/u.test(line)),
      result.stdout,
    ).toEqual([]);
  });

  it('ships built files only, with no workspace ranges or source condition left', async () => {
    const files = await listTarball(tarballs[name]);
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/LICENSE');
    expect(files.filter((file) => /\.map$|^package\/src\//.test(file))).toEqual([]);
    const manifest = await readPackedManifest(tarballs[name]);
    const { exports, dependencies, peerDependencies } = manifest;
    expect(JSON.stringify({ exports, dependencies, peerDependencies })).not.toMatch(
      /workspace:|@hidden-key\/source/,
    );
    expect(manifest.engines).toEqual({ node: '>=20.11' });
  });
});
