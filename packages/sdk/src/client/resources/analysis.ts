import type { RequestOptions } from '../client.js';
import { APIResource } from '../core/resource.js';

/** Deal math inputs and outputs travel as snake_case objects; see `@hidden-key/sdk/analysis`. */
type AnalysisInput = Record<string, unknown>;
type AnalysisOutput = Record<string, unknown>;

/** The server's deal analysis: `/v1/analysis/{kind}`, the same math as `@hidden-key/sdk/analysis`. */
export class Analysis extends APIResource {
  rental(input: AnalysisInput, options?: RequestOptions): Promise<AnalysisOutput> {
    return this.client.request('POST', '/v1/analysis/rental', {
      ...options,
      body: input,
      input: 'RentalInput',
      output: 'RentalAnalysis',
    });
  }

  flip(input: AnalysisInput, options?: RequestOptions): Promise<AnalysisOutput> {
    return this.client.request('POST', '/v1/analysis/flip', {
      ...options,
      body: input,
      input: 'FlipInput',
      output: 'FlipAnalysis',
    });
  }

  brrrr(input: AnalysisInput, options?: RequestOptions): Promise<AnalysisOutput> {
    return this.client.request('POST', '/v1/analysis/brrrr', {
      ...options,
      body: input,
      input: 'BrrrrInput',
      output: 'BrrrrAnalysis',
    });
  }

  wholesale(input: AnalysisInput, options?: RequestOptions): Promise<AnalysisOutput> {
    return this.client.request('POST', '/v1/analysis/wholesale', {
      ...options,
      body: input,
      input: 'WholesaleInput',
      output: 'WholesaleAnalysis',
    });
  }
}
