import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

/** Answers attempt number `attempt` (0-based) of whatever arrives. */
export type Script = (attempt: number, request: RecordedRequest, response: ServerResponse) => void;

/** A real HTTP server on a free loopback port that records every request it gets. */
export async function startLocalServer(script: Script) {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString(),
        at: performance.now(),
      };
      requests.push(request);
      script(requests.length - 1, request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a JSON body with the API's envelope conventions. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers = {}) {
  response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_test', ...headers });
  response.end(JSON.stringify(body));
}

export const success = (data: unknown) => ({ success: true, data, timestamp: new Date().toISOString() });

export const failure = (status: number, code: string, error = code) => ({
  success: false,
  error,
  code,
  request_id: 'req_test',
  timestamp: new Date().toISOString(),
  details: status === 400 ? { 'contact.email': ['Invalid email address'] } : undefined,
});
