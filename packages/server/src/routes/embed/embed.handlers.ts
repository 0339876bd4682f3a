import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../context.js';
import {
  type AssetEncoding,
  createEmbedCatalog,
  type EmbedAsset,
  type EmbedSource,
  toAsset,
} from '../../embeds/embed-assets.js';
import { ApiError } from '../../errors.js';

const SHORT_CACHE = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The encoding to send: brotli, then gzip, when the client accepts it (q=0 refuses). */
function pickEncoding(acceptEncoding: string | undefined): AssetEncoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (coding) accepted.set(coding, q ? Number(q.slice(2)) || 0 : 1);
  }
  const wants = (coding: string) => (accepted.get(coding) ?? accepted.get('*') ?? 0) > 0;
  if (wants('br')) return 'br';
  if (wants('gzip')) return 'gzip';
  return 'identity';
}

/** Whether the client holds this file, in any encoding: a 304 leaves it to keep what it has. */
function matchesEtag(ifNoneMatch: string | undefined, asset: EmbedAsset) {
  if (!ifNoneMatch) return false;
  const held = Object.values(asset.etags);
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || held.includes(trimmed.replace(/^W\//, ''));
  });
}

function sendAsset(c: Context<AppEnv>, asset: EmbedAsset, cacheControl: string) {
  const encoding = pickEncoding(c.req.header('accept-encoding'));
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': cacheControl,
    'Content-Type': asset.contentType,
    ETag: asset.etags[encoding],
    Vary: 'Accept-Encoding',
  };
  if (matchesEtag(c.req.header('if-none-match'), asset)) return c.body(null, 304, headers);
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  const body = encoding === 'identity' ? asset.body : asset[encoding];
  return c.body(body as Uint8Array<ArrayBuffer>, 200, headers);
}

/**
 * The element bundles partner pages load cross-origin as module scripts (hence CORS `*`; they hold
 * no secrets): `/embed/<file>` changes with each release, so it is cached for five minutes;
 * `/embed/<version>/<file>` never changes, so it is cached for a year. `/embed/manifest.json`
 * lists every bundle with its SRI hash for `<script integrity>`.
 */
export function registerEmbedRoutes(app: Hono<AppEnv>, source: EmbedSource | null) {
  const catalog = source ? createEmbedCatalog(source) : null;
  const missing = () =>
    new ApiError('not_found', 'No embeds are installed on this server; build @hidden-key/elements first');

  // The manifest is served like a bundle (ETag, gzip/br); it is compressed again only when it changes.
  let manifest: { text: string; asset: Promise<EmbedAsset> } | null = null;
  app.get('/embed/manifest.json', async (c) => {
    if (!catalog) throw missing();
    const files = (await catalog.list()).map((asset) => ({
      name: asset.name,
      path: `/embed/${catalog.version}/${asset.name}`,
      integrity: asset.integrity,
      bytes: asset.body.byteLength,
      gzip_bytes: asset.gzip.byteLength,
    }));
    const text = JSON.stringify({ version: catalog.version, files });
    if (manifest?.text !== text) {
      const body = new TextEncoder().encode(text);
      manifest = { text, asset: toAsset('manifest.json', 'application/json; charset=utf-8', body) };
    }
    return sendAsset(c, await manifest.asset, SHORT_CACHE);
  });

  app.get('/embed/:version/:file', async (c) => {
    if (!catalog) throw missing();
    const { version, file } = c.req.param();
    const asset = version === catalog.version ? await catalog.get(file) : null;
    if (!asset) {
      throw new ApiError('not_found', `No embed ${file.slice(0, 100)} in version ${version.slice(0, 40)}`, {
        current_version: catalog.version,
      });
    }
    return sendAsset(c, asset, IMMUTABLE);
  });

  app.get('/embed/:file', async (c) => {
    if (!catalog) throw missing();
    const file = c.req.param('file');
    const asset = await catalog.get(file);
    if (!asset) throw new ApiError('not_found', `No embed ${file.slice(0, 100)}`);
    return sendAsset(c, asset, SHORT_CACHE);
  });
}
