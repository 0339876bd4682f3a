import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in of the OpenAI API's `POST /v1/chat/completions`, for the real `openai`
 * client to talk to in tests and benchmarks. Each request takes the next scripted reply, or asks
 * the responder when the script is empty. Nothing in the process is mocked: the client builds,
 * sends, retries and parses exactly as it would against api.openai.com.
 */
export type StandInReply =
  /** A well-formed completion whose content is this value as JSON (a structured output), after `delayMs`. */
  | { json: unknown; delayMs?: number }
  /** A completion with this raw content: malformed JSON, or JSON of the wrong shape. */
  | { content: string }
  /** The model declines: `message.refusal` is set and the content is null. */
  | { refusal: string }
  /** An error answer, e.g. 429 with `Retry-After` (seconds) or a 500. */
  | { status: number; retryAfter?: number }
  /** Never answers: the client's timeout has to end the request. */
  | { hang: true };

export interface ChatRequest {
  /** Milliseconds since the stand-in started, when the request arrived. */
  at: number;
  authorization: string | undefined;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
  };
}

export type Responder = (request: ChatRequest) => StandInReply;

export interface OpenAiStandIn {
  /** Give this to the client as `baseURL` (it ends in `/v1`). */
  readonly baseURL: string;
  readonly requests: ChatRequest[];
  /** Queues replies for the next requests, in order. */
  script(...replies: StandInReply[]): void;
  /** Answers every request the script does not cover. */
  respondWith(responder: Responder): void;
  reset(): void;
  close(): Promise<void>;
}

const tokensOf = (text: string) => Math.ceil(text.length / 4);

function completion(
  body: ChatRequest['body'],
  message: { content: string | null; refusal: string | null },
  promptText: string,
) {
  const prompt_tokens = tokensOf(promptText);
  const completion_tokens = tokensOf(message.content ?? message.refusal ?? '');
  return {
    id: `chatcmpl-standin-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      { index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop', logprobs: null },
    ],
    usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
  };
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export async function startOpenAiStandIn(): Promise<OpenAiStandIn> {
  const started = Date.now();
  const requests: ChatRequest[] = [];
  let queue: StandInReply[] = [];
  let responder: Responder = () => ({ status: 500 });

  const server = createServer(async (request, response) => {
    const text = await readBody(request);
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      sendJson(response, 404, {
        error: { message: `No stand-in for ${request.method} ${request.url}`, type: 'invalid_request_error' },
      });
      return;
    }
    const chat: ChatRequest = {
      at: Date.now() - started,
      authorization: request.headers.authorization,
      body: JSON.parse(text),
    };
    requests.push(chat);
    const reply = queue.shift() ?? responder(chat);
    if ('hang' in reply) return;
    if ('delayMs' in reply && reply.delayMs)
      await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if ('status' in reply) {
      const headers: Record<string, string> =
        reply.retryAfter === undefined ? {} : { 'retry-after': String(reply.retryAfter) };
      const type = reply.status === 429 ? 'rate_limit_exceeded' : 'server_error';
      sendJson(
        response,
        reply.status,
        { error: { message: `stand-in ${reply.status}`, type, code: type } },
        headers,
      );
      return;
    }
    const message =
      'refusal' in reply
        ? { content: null, refusal: reply.refusal }
        : { content: 'json' in reply ? JSON.stringify(reply.json) : reply.content, refusal: null };
    sendJson(response, 200, completion(chat.body, message, text));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => {
      queue.push(...replies);
    },
    respondWith: (next) => {
      responder = next;
    },
    reset: () => {
      queue = [];
      requests.length = 0;
      responder = () => ({ status: 500 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
