import type {
  ApiKey,
  ApiKeyCreate,
  ApiKeyListQuery,
  ApiKeyUpdate,
  ApiKeyWithSecret,
} from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import type { PageList } from '../core/pagination.js';
import { APIResource, segment } from '../core/resource.js';

/** The organisation's API keys: `/v1/api-keys` (a secret key or a full session). */
export class ApiKeys extends APIResource {
  /** Every key, newest first; never the keys themselves. */
  list(query: ApiKeyListQuery = {}, options?: RequestOptions): PageList<ApiKey> {
    return this.client.list('/v1/api-keys', {
      ...options,
      query,
      input: 'ApiKeyListQuery',
      output: 'ApiKey',
    });
  }

  /** Issues a key; the answer's `key` is the only time it can be read. */
  create(body: ApiKeyCreate, options?: RequestOptions): APIPromise<ApiKeyWithSecret> {
    return this.client.request('POST', '/v1/api-keys', {
      ...options,
      body,
      input: 'ApiKeyCreate',
      output: 'ApiKeyWithSecret',
    });
  }

  /** Renames a key or changes a publishable key's allowed origins. */
  update(id: string, body: ApiKeyUpdate, options?: RequestOptions): APIPromise<ApiKey> {
    return this.client.request('PATCH', `/v1/api-keys/${segment(id)}`, {
      ...options,
      body,
      input: 'ApiKeyUpdate',
      output: 'ApiKey',
    });
  }

  /** Revokes a key on every server at once, with every session minted from it. */
  revoke(id: string, options?: RequestOptions): APIPromise<ApiKey> {
    return this.client.request('DELETE', `/v1/api-keys/${segment(id)}`, { ...options, output: 'ApiKey' });
  }
}
