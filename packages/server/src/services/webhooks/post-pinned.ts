import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget } from './target-guard.js';

export interface PostResult {
  status: number;
  /** The start of the answer, at most `maxResponseBytes`. */
  body: string;
}

export interface PostOptions {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal;
}

/**
 * POSTs to a checked target, connecting only to its pinned address (the TLS name and `Host` stay
 * the URL's). Redirects are not followed (a 3xx is just a status), the answer is read up to a cap
 * and the whole exchange must finish within the timeout.
 */
export function postPinned(target: CheckedTarget, options: PostOptions): Promise<PostResult> {
  const { url, pinned } = target;
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: 'POST',
      headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body).toString() },
      lookup,
      agent: false,
      signal: options.signal,
    });
    const timer = setTimeout(
      () => request.destroy(new Error(`No complete answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      };
      response.on('data', (chunk: Buffer) => {
        if (size >= options.maxResponseBytes) return;
        chunks.push(chunk.subarray(0, options.maxResponseBytes - size));
        size += chunk.length;
        // Enough read: the status is what counts, the rest is not worth the wait or the memory.
        if (size >= options.maxResponseBytes) {
          response.destroy();
          finish();
        }
      });
      response.on('end', finish);
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(options.body);
  });
}
