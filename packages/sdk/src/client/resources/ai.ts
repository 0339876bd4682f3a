import type {
  AiAnalyzeDealRequest,
  AiAnalyzeDealResult,
  AiContentRequest,
  AiContentResult,
  AiUsage,
  Job,
  LeadAutomation,
} from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import { APIResource, segment } from '../core/resource.js';
import { Sequences } from './sequences.js';

/**
 * The AI agents. Without an OpenAI key on the server every call still answers, from templates
 * and rules, with `source: "template"`.
 */
export class Ai extends APIResource {
  /** Nova: follow-up sequences and enrolments. */
  readonly sequences = new Sequences(this.client);

  /**
   * Lex: follow-up email or SMS drafts, or a listing description, saved as pending activities of
   * the lead. An SMS draft needs the lead's SMS consent (an `UnprocessableEntityError` otherwise).
   */
  content(body: AiContentRequest, options?: RequestOptions): APIPromise<AiContentResult> {
    return this.client.request('POST', '/v1/ai/content', {
      ...options,
      body,
      input: 'AiContentRequest',
      output: 'AiContentResult',
    });
  }

  /** Dave: the deal math and a narrative whose every number comes from it. */
  analyzeDeal(body: AiAnalyzeDealRequest, options?: RequestOptions): APIPromise<AiAnalyzeDealResult> {
    return this.client.request('POST', '/v1/ai/analyze-deal', {
      ...options,
      body,
      input: 'AiAnalyzeDealRequest',
      output: 'AiAnalyzeDealResult',
    });
  }

  /** Maya: queues the lead's enrichment (comparable sales, then a new score); follow it with `hk.jobs.retrieve`. */
  enrich(leadId: string, options?: RequestOptions): APIPromise<Job> {
    return this.client.request('POST', `/v1/leads/${segment(leadId)}/enrich`, { ...options, output: 'Job' });
  }

  /** Steve: where the new-lead chain (enrich → score → draft → task) is for this lead. */
  automation(leadId: string, options?: RequestOptions): APIPromise<LeadAutomation> {
    return this.client.request('GET', `/v1/leads/${segment(leadId)}/automation`, {
      ...options,
      output: 'LeadAutomation',
    });
  }

  /** This month's tokens and requests against the organisation's budget. */
  usage(options?: RequestOptions): APIPromise<AiUsage> {
    return this.client.request('GET', '/v1/ai/usage', { ...options, output: 'AiUsage' });
  }
}
