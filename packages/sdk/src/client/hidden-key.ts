import * as contract from '../schemas/contract.js';
import { type ClientOptions, HiddenKeyCore } from './client.js';

/*
 * libphonenumber's metadata is 29 KB min+gz, over a third of this client: it is a chunk of its own
 * in the user's bundle, loaded in the background when a client is made rather than with the page,
 * and a call whose phone is checked before it arrives waits for it.
 */
const loadPhoneReader = () => import('../schemas/phone.js').then((phone) => phone.toE164);

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
  constructor(options: HiddenKeyOptions) {
    super({
      ...options,
      schemas: { ...contract, ...contract.lazyPhoneRule(loadPhoneReader, options.phoneRegion) },
    });
  }
}

export interface HiddenKeyOptions extends ClientOptions {
  /**
   * Your organisation's phone region (ISO 3166 alpha-2, default `US`): a phone typed without a
   * country code is checked as the server will read it, so a number the server refuses is refused
   * before sending, with the same message.
   */
  phoneRegion?: string;
}
