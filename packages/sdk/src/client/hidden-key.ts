import {
  BrrrrAnalysis,
  BrrrrInput,
  FlipAnalysis,
  FlipInput,
  RentalAnalysis,
  RentalInput,
  WholesaleAnalysis,
  WholesaleInput,
} from '../analysis/index.js';
import * as contract from '../schemas/index.js';
import { type ClientOptions, HiddenKeyCore } from './client.js';

/** The wire contract, plus the deal-analysis schemas of `POST /v1/analysis/{kind}`. */
const CONTRACT_SCHEMAS = {
  ...contract,
  RentalInput,
  RentalAnalysis,
  FlipInput,
  FlipAnalysis,
  BrrrrInput,
  BrrrrAnalysis,
  WholesaleInput,
  WholesaleAnalysis,
};

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
    super({ ...options, schemas: CONTRACT_SCHEMAS });
  }
}
