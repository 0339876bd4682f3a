import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findAssetPaths } from './asset-paths.js';

const root = mkdtempSync(join(tmpdir(), 'hk-install-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const write = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};

describe('findAssetPaths', () => {
  it('finds the embeds and examples an installed package ships in dist/ (no checkout around it)', () => {
    const server = join(root, 'app', 'node_modules', '@hidden-key', 'server');
    write(join(server, 'package.json'), '{"name":"@hidden-key/server","version":"0.2.0"}');
    write(join(server, 'dist', 'cli.js'), '');
    write(join(server, 'dist', 'embed', 'hk-lead-form.js'), 'export {};');
    write(join(server, 'dist', 'embed', 'VERSION'), '0.3.1\n');
    write(join(server, 'dist', 'examples', 'partner-site', 'index.html'), '<hk-lead-form>');
    expect(findAssetPaths(join(server, 'dist'))).toEqual({
      embeds: { dir: join(server, 'dist', 'embed'), version: '0.3.1' },
      examplesDir: join(server, 'dist', 'examples'),
    });
  });

  it('falls back to an installed @hidden-key/elements for the embeds', () => {
    const app = join(root, 'other');
    const elements = join(app, 'node_modules', '@hidden-key', 'elements');
    write(
      join(elements, 'package.json'),
      JSON.stringify({
        name: '@hidden-key/elements',
        version: '0.4.0',
        exports: { './embed/*': './dist/embed/*' },
      }),
    );
    write(join(elements, 'dist', 'embed', 'hk-lead-form.js'), 'export {};');
    const serverDist = join(app, 'node_modules', '@hidden-key', 'server', 'dist');
    write(join(serverDist, 'cli.js'), '');
    expect(findAssetPaths(serverDist)).toEqual({
      embeds: { dir: join(elements, 'dist', 'embed'), version: '0.4.0' },
      examplesDir: null,
    });
  });

  it('finds nothing where nothing is installed', () => {
    const lonely = join(root, 'lonely', 'dist');
    mkdirSync(lonely, { recursive: true });
    expect(findAssetPaths(lonely)).toEqual({ embeds: null, examplesDir: null });
  });
});
