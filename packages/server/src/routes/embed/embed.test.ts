import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../context.js';
import { notFoundHandler, onError } from '../../middleware/errors.js';
import { registerEmbedRoutes } from './embed.handlers.js';

const dir = mkdtempSync(join(tmpdir(), 'hk-embed-'));
const bundle = `export const form = ${JSON.stringify('x'.repeat(4000))};\n`;
writeFileSync(join(dir, 'hk-lead-form.js'), bundle);
writeFileSync(join(dir, 'hk-lead-form.js.map'), '{"version":3}');
writeFileSync(join(dir, 'notes.txt'), 'not an embed');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const app = new Hono<AppEnv>();
app.onError(onError);
app.notFound(notFoundHandler(() => app.routes));
registerEmbedRoutes(app, { dir, version: '1.2.3' });
const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe('GET /embed/*', () => {
  it('serves the unversioned file with a five-minute cache, CORS * and an ETag', async () => {
    const response = await get('/embed/hk-lead-form.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toBe(bundle);
  });

  it('serves the versioned file as immutable, and no other version', async () => {
    const response = await get('/embed/1.2.3/hk-lead-form.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe(bundle);
    const other = await get('/embed/1.2.2/hk-lead-form.js');
    expect(other.status).toBe(404);
    expect((await other.json()).details).toEqual({ current_version: '1.2.3' });
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const { headers } = await get('/embed/hk-lead-form.js');
    const etag = headers.get('etag')!;
    const revalidated = await get('/embed/1.2.3/hk-lead-form.js', { 'if-none-match': `W/${etag}` });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(await revalidated.text()).toBe('');
    expect((await get('/embed/hk-lead-form.js', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('gives each encoding its own ETag, and answers 304 to any of them', async () => {
    const plain = (await get('/embed/hk-lead-form.js')).headers.get('etag')!;
    const br = (await get('/embed/hk-lead-form.js', { 'accept-encoding': 'br' })).headers.get('etag')!;
    const gzip = (await get('/embed/hk-lead-form.js', { 'accept-encoding': 'gzip' })).headers.get('etag')!;
    expect(new Set([plain, br, gzip]).size).toBe(3);
    expect(br).toBe(plain.replace(/"$/, '-br"'));
    const revalidated = await get('/embed/hk-lead-form.js', {
      'accept-encoding': 'br',
      'if-none-match': gzip,
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(br);
  });

  it('compresses with brotli or gzip as the client accepts', async () => {
    const br = await get('/embed/hk-lead-form.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(bundle.length / 10);
    expect(brotliDecompressSync(brBytes).toString()).toBe(bundle);

    const gzip = await get('/embed/hk-lead-form.js', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(bundle);
  });

  it('lists every bundle in the manifest with its sha384 integrity', async () => {
    const response = await get('/embed/manifest.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const manifest = await response.json();
    const integrity = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;
    expect(manifest).toEqual({
      version: '1.2.3',
      files: [
        {
          name: 'hk-lead-form.js',
          path: '/embed/1.2.3/hk-lead-form.js',
          integrity,
          bytes: bundle.length,
          gzip_bytes: expect.any(Number),
        },
      ],
    });
  });

  it('serves the manifest as it serves a bundle: ETag, 304, gzip/br, a five-minute cache', async () => {
    const plain = await get('/embed/manifest.json');
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get('/embed/manifest.json', { 'if-none-match': etag })).status).toBe(304);
    const br = await get('/embed/manifest.json', { 'accept-encoding': 'br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString())).toEqual(
      await plain.json(),
    );
    // A new bundle is a new manifest, with a new ETag.
    writeFileSync(join(dir, 'hk-manifest-extra.js'), 'export const b = 1;\n');
    const changed = await get('/embed/manifest.json', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    rmSync(join(dir, 'hk-manifest-extra.js'));
  });

  it('serves a rebuilt file at once', async () => {
    writeFileSync(join(dir, 'hk-extra.js'), 'export const a = 1;\n');
    const first = await get('/embed/hk-extra.js');
    writeFileSync(join(dir, 'hk-extra.js'), 'export const a = 22;\n');
    const second = await get('/embed/hk-extra.js');
    expect(await second.text()).toBe('export const a = 22;\n');
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
  });

  it('answers 404 in the envelope for anything that is not a bundle', async () => {
    for (const path of [
      '/embed/notes.txt',
      '/embed/missing.js',
      '/embed/..%2Fpackage.json',
      '/embed/1.2.3/notes.txt',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect((await response.json()).code).toBe('not_found');
    }
  });

  it('says how to get embeds when the server has none', async () => {
    const bare = new Hono<AppEnv>();
    bare.onError(onError);
    registerEmbedRoutes(bare, null);
    const response = await bare.request('/embed/hk-lead-form.js');
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatch(/build @hidden-key\/elements/);
  });
});
