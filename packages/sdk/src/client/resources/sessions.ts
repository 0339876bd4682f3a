import type { Session, SessionCreate } from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import { APIResource } from '../core/resource.js';

/** Short-lived tokens for browser portals: `/v1/sessions` (secret key only). */
export class Sessions extends APIResource {
  /** Mints a token to hand to a browser instead of the secret key. */
  create(body: SessionCreate = {}, options?: RequestOptions): APIPromise<Session> {
    return this.client.request('POST', '/v1/sessions', {
      ...options,
      body,
      input: 'SessionCreate',
      output: 'Session',
    });
  }
}
