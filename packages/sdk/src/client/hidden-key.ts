import * as contract from '../schemas/index.js';
import { type ClientOptions, HiddenKeyCore } from './client.js';

/**
 * The Hidden Key API client. Checks every call's arguments against the contract before sending
 * and, unless `validateResponses: false`, every answer on arrival.
 *
 * ```ts
 * import { HiddenKey } from '@hidden-key/sdk';
 * const hk = new HiddenKey({ apiKey: process.env.HIDDEN_KEY_API_KEY!, baseUrl: 'https://api.example.com' });
 * const lead = await hk.leads.create({ contact: { name: 'Ada', email: 'ada@example.com' } });
 * ```
 */
export class HiddenKey extends HiddenKeyCore {
  constructor(options: ClientOptions) {
    super({ ...options, schemas: contract });
  }
}
