import type {
  BrrrrAnalysis,
  BrrrrInput,
  FlipAnalysis,
  FlipInput,
  RentalAnalysis,
  RentalInput,
  WholesaleAnalysis,
  WholesaleInput,
} from '../../analysis/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import { APIResource } from '../core/resource.js';

/**
 * The server's deal analysis, `POST /v1/analysis/{kind}`: the same math as the functions of
 * `@hidden-key/sdk/analysis`, for callers that prefer the server to run it.
 */
export class Analysis extends APIResource {
  rental(input: RentalInput, options?: RequestOptions): APIPromise<RentalAnalysis> {
    return this.client.request('POST', '/v1/analysis/rental', {
      ...options,
      body: input,
      input: 'RentalInput',
      output: 'RentalAnalysis',
    });
  }

  flip(input: FlipInput, options?: RequestOptions): APIPromise<FlipAnalysis> {
    return this.client.request('POST', '/v1/analysis/flip', {
      ...options,
      body: input,
      input: 'FlipInput',
      output: 'FlipAnalysis',
    });
  }

  brrrr(input: BrrrrInput, options?: RequestOptions): APIPromise<BrrrrAnalysis> {
    return this.client.request('POST', '/v1/analysis/brrrr', {
      ...options,
      body: input,
      input: 'BrrrrInput',
      output: 'BrrrrAnalysis',
    });
  }

  wholesale(input: WholesaleInput, options?: RequestOptions): APIPromise<WholesaleAnalysis> {
    return this.client.request('POST', '/v1/analysis/wholesale', {
      ...options,
      body: input,
      input: 'WholesaleInput',
      output: 'WholesaleAnalysis',
    });
  }
}
