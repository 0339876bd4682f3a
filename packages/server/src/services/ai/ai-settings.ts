/** How the AI agents reach OpenAI, and what they may spend. */
export interface AiSettings {
  /** `OPENAI_API_KEY`; without it every agent answers from templates (`source: "template"`). */
  apiKey: string | null;
  /** `OPENAI_BASE_URL`: another OpenAI-compatible endpoint (a proxy, Azure, the tests' stand-in). */
  baseURL?: string;
  /** `HK_OPENAI_MODEL`; it must support JSON-schema structured outputs. */
  model: string;
  /** `HK_OPENAI_TIMEOUT_MS`: one request's limit before the templates answer instead. */
  timeoutMs: number;
  /** `HK_OPENAI_MAX_RETRIES`: the client's retries of 429s (after `Retry-After`), 5xx and timeouts. */
  maxRetries: number;
  /**
   * `HK_AI_MONTHLY_TOKEN_BUDGET`: tokens an organisation may use per calendar month (UTC), unless
   * its settings say otherwise (`settings.ai.monthly_token_budget`).
   */
  monthlyTokenBudget: number;
}

export const DEFAULT_AI_MODEL = 'gpt-4o-mini';

const positiveInteger = (value: string | undefined, fallback: number) => {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
};

export function aiSettingsFromEnv(env: Record<string, string | undefined>): AiSettings {
  return {
    apiKey: env.OPENAI_API_KEY?.trim() || null,
    baseURL: env.OPENAI_BASE_URL?.trim() || undefined,
    model: env.HK_OPENAI_MODEL?.trim() || DEFAULT_AI_MODEL,
    timeoutMs: positiveInteger(env.HK_OPENAI_TIMEOUT_MS, 20_000),
    maxRetries: positiveInteger(env.HK_OPENAI_MAX_RETRIES, 2),
    monthlyTokenBudget: positiveInteger(env.HK_AI_MONTHLY_TOKEN_BUDGET, 1_000_000),
  };
}
