import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import type * as z from 'zod';
import type { Database, Executor } from '../../db/database.js';
import { ApiError } from '../../errors.js';
import type { Metrics } from '../../observability/metrics.js';
import { findCachedAnswer, monthBounds, monthlyUsage, recordAiRun, tokenBudget } from './ai-runs.js';
import type { AiSettings } from './ai-settings.js';
import { buildPrompt } from './prompt.js';

/** Why the templates answered although a key is set. */
export type FallbackReason =
  | 'refusal'
  | 'invalid_output'
  | 'unverified_output'
  | 'timeout'
  | 'rate_limited'
  | 'upstream_error';

/** One structured question to the model, with the template answer that stands in for it. */
export interface AiTask<T> {
  organizationId: string;
  /**
   * Where the cache is read and the run recorded: the caller's transaction (a request's, limited to
   * its organisation by row-level security); the service's own database when absent (jobs).
   */
  db?: Executor;
  /** What the agent does, stored with the run: `content.follow_up_email`, `deal.narrative`. */
  task: string;
  leadId?: string | null;
  opportunityId?: string | null;
  /** The answer's shape: sent as the JSON schema of a structured output, and checked on return. */
  schema: z.ZodType<T>;
  schemaName: string;
  instructions: string;
  /** The facts the model sees, chosen from an allow-list by the caller (see `buildPrompt`). */
  facts: Record<string, unknown>;
  /** The answer from templates and rules, without a key or when the model's answer cannot be used. */
  template: () => T;
  /** A check beyond the schema (e.g. every number cited is in the analysis); a failed one regenerates. */
  verify?: (output: T) => boolean;
}

export interface AiAnswer<T> {
  output: T;
  source: 'openai' | 'template';
  model?: string;
  fallbackReason?: FallbackReason;
  cached: boolean;
  runId: string;
}

export interface AiService {
  /** True when a key is set: answers may come from the model. */
  readonly enabled: boolean;
  readonly model: string;
  ask<T>(task: AiTask<T>): Promise<AiAnswer<T>>;
  usage(
    organizationId: string,
    db?: Executor,
  ): Promise<{
    month: string;
    tokens_used: number;
    token_budget: number;
    requests: number;
    cached_requests: number;
    resets_at: string;
  }>;
}

/** A model answer can be asked for twice: once more when it fails the schema or the verification. */
const ATTEMPTS = 2;

interface AttemptResult<T> {
  output?: T;
  failure?: FallbackReason;
  retry: boolean;
  promptTokens: number;
  completionTokens: number;
}

function classifyError(error: unknown): { failure: FallbackReason; retry: boolean } {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return { failure: 'timeout', retry: false };
  if (error instanceof OpenAI.RateLimitError) return { failure: 'rate_limited', retry: false };
  if (error instanceof LengthFinishReasonError) return { failure: 'invalid_output', retry: true };
  if (error instanceof ContentFilterFinishReasonError) return { failure: 'refusal', retry: false };
  if (error instanceof OpenAI.APIError) return { failure: 'upstream_error', retry: false };
  // What is left is the client's own parse of the content: not JSON, or not the schema.
  return { failure: 'invalid_output', retry: true };
}

export function createAiService(
  settings: AiSettings,
  deps: { db: Database; clock: () => Date; newId: () => string },
  tokenCounter?: Metrics['aiTokens'],
): AiService {
  const client = settings.apiKey
    ? new OpenAI({
        apiKey: settings.apiKey,
        baseURL: settings.baseURL,
        timeout: settings.timeoutMs,
        maxRetries: settings.maxRetries,
      })
    : null;

  async function attempt<T>(
    task: AiTask<T>,
    messages: ReturnType<typeof buildPrompt>,
  ): Promise<AttemptResult<T>> {
    try {
      const completion = await client!.chat.completions.parse({
        model: settings.model,
        messages,
        response_format: zodResponseFormat(task.schema, task.schemaName),
      });
      const tokens = {
        promptTokens: completion.usage?.prompt_tokens ?? 0,
        completionTokens: completion.usage?.completion_tokens ?? 0,
      };
      const message = completion.choices[0]?.message;
      if (message?.refusal) return { failure: 'refusal', retry: false, ...tokens };
      const parsed = message?.parsed;
      if (parsed === null || parsed === undefined)
        return { failure: 'invalid_output', retry: true, ...tokens };
      const output = parsed as T;
      if (task.verify && !task.verify(output))
        return { failure: 'unverified_output', retry: true, ...tokens };
      return { output, retry: false, ...tokens };
    } catch (error) {
      return { ...classifyError(error), promptTokens: 0, completionTokens: 0 };
    }
  }

  /** Stores the run and counts its tokens for /metrics (replays and templates alone spend none). */
  async function recordRun(db: Executor, run: Parameters<typeof recordAiRun>[1]) {
    await recordAiRun(db, run);
    const model = run.model ?? settings.model;
    const spent = { prompt: run.promptTokens ?? 0, completion: run.completionTokens ?? 0 };
    for (const [kind, tokens] of Object.entries(spent)) {
      if (tokens > 0) tokenCounter?.inc({ source: run.source, model, kind }, tokens);
    }
  }

  async function assertWithinBudget(db: Executor, organizationId: string) {
    const now = deps.clock();
    const { start, next } = monthBounds(now);
    const [used, budget] = await Promise.all([
      monthlyUsage(db, organizationId, start),
      tokenBudget(db, organizationId, settings.monthlyTokenBudget),
    ]);
    if (used.tokens >= budget) {
      throw new ApiError(
        'budget_exhausted',
        `This organisation's monthly AI token budget (${budget} tokens) is spent; it renews on ${next.toISOString().slice(0, 10)}`,
        { token_budget: budget, tokens_used: used.tokens, resets_at: next.toISOString() },
      );
    }
  }

  return {
    enabled: client !== null,
    model: settings.model,

    async ask<T>(task: AiTask<T>): Promise<AiAnswer<T>> {
      const db = task.db ?? deps.db;
      const messages = buildPrompt(task.instructions, task.facts);
      const promptHash = createHash('sha256')
        .update(JSON.stringify({ model: settings.model, schema: task.schemaName, messages }))
        .digest('hex');
      const runId = deps.newId();
      const base = {
        id: runId,
        organizationId: task.organizationId,
        task: task.task,
        leadId: task.leadId ?? null,
        opportunityId: task.opportunityId ?? null,
        promptHash,
        input: { messages },
      };
      const answerFromTemplate = async (
        fallbackReason?: FallbackReason,
        tokens = { promptTokens: 0, completionTokens: 0 },
      ) => {
        const output = task.template();
        await recordRun(db, {
          ...base,
          source: 'template',
          model: null,
          output: output as Record<string, unknown>,
          fallbackReason: fallbackReason ?? null,
          ...tokens,
          createdAt: deps.clock(),
        });
        return { output, source: 'template' as const, fallbackReason, cached: false, runId };
      };

      if (!client) return answerFromTemplate();

      const cachedAnswer = await findCachedAnswer(db, task.organizationId, promptHash);
      const replay = cachedAnswer && task.schema.safeParse(cachedAnswer.output);
      if (replay?.success && (!task.verify || task.verify(replay.data))) {
        await recordRun(db, {
          ...base,
          source: 'openai',
          model: cachedAnswer!.model,
          cached: true,
          output: cachedAnswer!.output,
          createdAt: deps.clock(),
        });
        return {
          output: replay.data,
          source: 'openai',
          model: cachedAnswer!.model ?? settings.model,
          cached: true,
          runId,
        };
      }

      await assertWithinBudget(db, task.organizationId);
      const tokens = { promptTokens: 0, completionTokens: 0 };
      let failure: FallbackReason = 'invalid_output';
      for (let tries = 0; tries < ATTEMPTS; tries++) {
        const result = await attempt(task, messages);
        tokens.promptTokens += result.promptTokens;
        tokens.completionTokens += result.completionTokens;
        if (result.output !== undefined) {
          await recordRun(db, {
            ...base,
            source: 'openai',
            model: settings.model,
            output: result.output as Record<string, unknown>,
            ...tokens,
            createdAt: deps.clock(),
          });
          return { output: result.output, source: 'openai', model: settings.model, cached: false, runId };
        }
        failure = result.failure!;
        if (!result.retry) break;
      }
      return answerFromTemplate(failure, tokens);
    },

    async usage(organizationId, db = deps.db) {
      const { start, next, month } = monthBounds(deps.clock());
      const [used, budget] = await Promise.all([
        monthlyUsage(db, organizationId, start),
        tokenBudget(db, organizationId, settings.monthlyTokenBudget),
      ]);
      return {
        month,
        tokens_used: used.tokens,
        token_budget: budget,
        requests: used.requests,
        cached_requests: used.cached,
        resets_at: next.toISOString(),
      };
    },
  };
}
