import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The file names served under `/embed/`: bundles and their source maps, nothing else. */
export const EMBED_FILE = /^[\w-]+\.js(\.map)?$/;

/** One embed file, read once and kept with everything a response needs. */
export interface EmbedAsset {
  name: string;
  contentType: string;
  body: Uint8Array;
  gzip: Uint8Array;
  br: Uint8Array;
  /**
   * Strong validators, one per encoding (each encoding is a representation of its own): a hash of
   * the bytes, suffixed `-br` or `-gzip` when compressed, so every instance gives the same ones.
   */
  etags: Record<AssetEncoding, string>;
  /** Subresource Integrity value, `sha384-<base64>`. */
  integrity: string;
}

export type AssetEncoding = 'identity' | 'br' | 'gzip';

/** The embeds of one folder, with their version (the `/embed/<version>/` segment). */
export interface EmbedSource {
  dir: string;
  version: string;
}

/** `body` as an asset: compressed both ways, hashed for its ETag and its SRI value. */
export async function toAsset(name: string, contentType: string, body: Uint8Array): Promise<EmbedAsset> {
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(body, { level: 9 }),
    brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  ]);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return {
    name,
    contentType,
    body,
    gzip: gzipped,
    br: brotli,
    etags: { identity: `"${hash}"`, br: `"${hash}-br"`, gzip: `"${hash}-gzip"` },
    integrity: `sha384-${createHash('sha384').update(body).digest('base64')}`,
  };
}

const loadAsset = async (dir: string, name: string) =>
  toAsset(
    name,
    name.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8',
    await readFile(join(dir, name)),
  );

export interface EmbedCatalog {
  readonly version: string;
  /** The asset, or null when there is no such embed. A rebuilt file is read again. */
  get(name: string): Promise<EmbedAsset | null>;
  /** Every bundle (not source maps) in the folder, for the manifest. */
  list(): Promise<EmbedAsset[]>;
}

/**
 * The embed files of a folder, compressed once per version of each file (its size and mtime), so
 * a request costs a `stat` rather than a read and two compressions.
 */
export function createEmbedCatalog(source: EmbedSource): EmbedCatalog {
  const cache = new Map<string, { stamp: string; asset: Promise<EmbedAsset> }>();
  const get = async (name: string) => {
    if (!EMBED_FILE.test(name)) return null;
    const stats = await stat(join(source.dir, name)).catch(() => null);
    if (!stats?.isFile()) return null;
    const stamp = `${stats.size}:${stats.mtimeMs}`;
    let entry = cache.get(name);
    if (entry?.stamp !== stamp) {
      entry = { stamp, asset: loadAsset(source.dir, name) };
      cache.set(name, entry);
      entry.asset.catch(() => cache.delete(name));
    }
    return entry.asset;
  };
  return {
    version: source.version,
    get,
    async list() {
      const names = (await readdir(source.dir).catch(() => [] as string[]))
        .filter((name) => EMBED_FILE.test(name) && !name.endsWith('.map'))
        .sort();
      const assets = await Promise.all(names.map(get));
      return assets.filter((asset): asset is EmbedAsset => asset !== null);
    },
  };
}
