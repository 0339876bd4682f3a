import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type App, createApp } from '../src/app.js';
import type { AiSettings } from '../src/services/ai/ai-settings.js';
import { createOrganization } from '../src/services/organizations.js';
import type { ApiResponse, TestServer } from './harness.js';
import { type OpenAiStandIn, startOpenAiStandIn } from './openai-stand-in.js';

export const TEST_OPENAI_KEY = 'sk-test-standin';

export interface AiTestOrg {
  organization_id: string;
  secret_key: string;
  call: (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    // biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies loosely, as in harness.ts
  ) => Promise<ApiResponse<any>>;
}

/**
 * The test server's database with a second app whose AI agents talk to a loopback OpenAI stand-in
 * through the real `openai` client (no retries beyond one, short timeout), reset before each test.
 */
export function useAiStandIn(server: TestServer, overrides: Partial<AiSettings> = {}) {
  let standIn: OpenAiStandIn;
  let app: App;
  beforeAll(async () => {
    standIn = await startOpenAiStandIn();
    app = createApp({
      ...server.deps,
      ai: {
        apiKey: TEST_OPENAI_KEY,
        baseURL: standIn.baseURL,
        model: 'gpt-standin',
        // Short for the hang test, long enough that a loaded machine's slow answer is not timed out
        // and retried (which counts one request more than the test expects).
        timeoutMs: 2_000,
        maxRetries: 1,
        monthlyTokenBudget: 1_000_000,
        ...overrides,
      },
    });
  });
  beforeEach(() => standIn.reset());
  afterAll(async () => {
    await standIn?.close();
  });

  return {
    get standIn() {
      return standIn;
    },
    /** The stand-in app's `GET /metrics` text. */
    async metrics() {
      return (await app.request('/metrics')).text();
    },
    /** A fresh organisation calling the stand-in app; `settings` as stored on the organisation. */
    async newOrg(settings: Record<string, unknown> = {}): Promise<AiTestOrg> {
      const org = await createOrganization(server.deps, { name: 'AI Test Org', settings });
      const call = async (
        method: string,
        path: string,
        body?: unknown,
        headers: Record<string, string> = {},
      ) => {
        const response = await app.request(path, {
          method,
          headers: {
            authorization: `Bearer ${org.secret_key}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
      };
      return { organization_id: org.organization_id, secret_key: org.secret_key, call };
    },
  };
}
